package time

// This file mirrors time's instants: the Time type and the functions that
// make one. Reading the clock does not block.

import stdtime "time"

// Time is time.Time, an instant with nanosecond precision.
type Time = stdtime.Time

// Now returns the current local time, with a monotonic clock reading, as
// time.Now does.
func Now() Time { return stdtime.Now() }

// Unix returns the local Time of sec seconds and nsec nanoseconds since
// January 1, 1970 UTC, as time.Unix does.
func Unix(sec int64, nsec int64) Time { return stdtime.Unix(sec, nsec) }

// UnixMilli returns the local Time of msec milliseconds since January 1,
// 1970 UTC, as time.UnixMilli does.
func UnixMilli(msec int64) Time { return stdtime.UnixMilli(msec) }

// UnixMicro returns the local Time of usec microseconds since January 1,
// 1970 UTC, as time.UnixMicro does.
func UnixMicro(usec int64) Time { return stdtime.UnixMicro(usec) }

// Date returns the Time of yyyy-mm-dd hh:mm:ss + nsec nanoseconds in loc,
// normalising values outside their usual ranges, as time.Date does; it
// panics if loc is nil.
func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time {
	return stdtime.Date(year, month, day, hour, min, sec, nsec, loc)
}
