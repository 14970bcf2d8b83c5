package time

// This file mirrors time's calendar names: months and days of the week.

import stdtime "time"

// Month is time.Month, a month of the year (January = 1, ...).
type Month = stdtime.Month

// The months of the year, as time declares them.
const (
	January   = stdtime.January
	February  = stdtime.February
	March     = stdtime.March
	April     = stdtime.April
	May       = stdtime.May
	June      = stdtime.June
	July      = stdtime.July
	August    = stdtime.August
	September = stdtime.September
	October   = stdtime.October
	November  = stdtime.November
	December  = stdtime.December
)

// Weekday is time.Weekday, a day of the week (Sunday = 0, ...).
type Weekday = stdtime.Weekday

// The days of the week, as time declares them.
const (
	Sunday    = stdtime.Sunday
	Monday    = stdtime.Monday
	Tuesday   = stdtime.Tuesday
	Wednesday = stdtime.Wednesday
	Thursday  = stdtime.Thursday
	Friday    = stdtime.Friday
	Saturday  = stdtime.Saturday
)
