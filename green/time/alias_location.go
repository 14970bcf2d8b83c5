package time

// This file mirrors time's locations (time zones). Loading a location reads
// the zoneinfo database from disk, as time does; like eventlet, the green
// packages leave file I/O to the thread.

import stdtime "time"

// Location is time.Location, a time zone: a set of offsets in use over
// time.
type Location = stdtime.Location

// UTC is time.UTC itself, Coordinated Universal Time.
var UTC = stdtime.UTC

// Local is time.Local itself, the system's local time zone. Assigning to
// Local replaces this package's variable only: time.Local, which the time
// package itself uses, keeps its value.
var Local = stdtime.Local

// FixedZone returns a Location that always uses the given zone name and
// offset in seconds east of UTC, as time.FixedZone does.
func FixedZone(name string, offset int) *Location { return stdtime.FixedZone(name, offset) }

// LoadLocation returns the Location of the given IANA zone name, "UTC" for
// UTC and "Local" for Local, as time.LoadLocation does.
func LoadLocation(name string) (*Location, error) { return stdtime.LoadLocation(name) }

// LoadLocationFromTZData returns a Location named name built from the IANA
// Time Zone database-formatted data, as time.LoadLocationFromTZData does.
func LoadLocationFromTZData(name string, data []byte) (*Location, error) {
	return stdtime.LoadLocationFromTZData(name, data)
}
