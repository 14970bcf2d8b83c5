package time

// This file mirrors time's durations: the type, its units, its parser, and
// the elapsed time since or until an instant.

import stdtime "time"

// Duration is time.Duration, the time elapsed between two instants as an
// int64 nanosecond count.
type Duration = stdtime.Duration

// Common durations, as time declares them.
const (
	Nanosecond  = stdtime.Nanosecond
	Microsecond = stdtime.Microsecond
	Millisecond = stdtime.Millisecond
	Second      = stdtime.Second
	Minute      = stdtime.Minute
	Hour        = stdtime.Hour
)

// ParseDuration parses a duration string such as "300ms", "-1.5h" or
// "2h45m", as time.ParseDuration does.
func ParseDuration(s string) (Duration, error) { return stdtime.ParseDuration(s) }

// Since returns the time elapsed since t, time.Now().Sub(t), as time.Since
// does.
func Since(t Time) Duration { return stdtime.Since(t) }

// Until returns the duration until t, t.Sub(time.Now()), as time.Until
// does.
func Until(t Time) Duration { return stdtime.Until(t) }
