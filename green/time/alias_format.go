package time

// This file mirrors time's formatting and parsing: the predefined layouts,
// the parsers and their error.

import stdtime "time"

// Predefined layouts for Time.Format and Parse, as time declares them
// (untyped string constants, like time's).
const (
	Layout      = stdtime.Layout
	ANSIC       = stdtime.ANSIC
	UnixDate    = stdtime.UnixDate
	RubyDate    = stdtime.RubyDate
	RFC822      = stdtime.RFC822
	RFC822Z     = stdtime.RFC822Z
	RFC850      = stdtime.RFC850
	RFC1123     = stdtime.RFC1123
	RFC1123Z    = stdtime.RFC1123Z
	RFC3339     = stdtime.RFC3339
	RFC3339Nano = stdtime.RFC3339Nano
	Kitchen     = stdtime.Kitchen
	Stamp       = stdtime.Stamp
	StampMilli  = stdtime.StampMilli
	StampMicro  = stdtime.StampMicro
	StampNano   = stdtime.StampNano
	DateTime    = stdtime.DateTime
	DateOnly    = stdtime.DateOnly
	TimeOnly    = stdtime.TimeOnly
)

// ParseError is time.ParseError, the error of Parse and ParseInLocation.
type ParseError = stdtime.ParseError

// Parse parses value as the reference time is written in layout, in UTC
// unless value names a zone, as time.Parse does; a value that does not
// match yields a *ParseError.
func Parse(layout, value string) (Time, error) { return stdtime.Parse(layout, value) }

// ParseInLocation is Parse, but a value that names no zone is read in loc,
// and a zone abbreviation is read with loc's offset for it, as
// time.ParseInLocation does.
func ParseInLocation(layout, value string, loc *Location) (Time, error) {
	return stdtime.ParseInLocation(layout, value, loc)
}
