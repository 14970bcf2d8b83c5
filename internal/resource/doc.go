// Package resource reads and raises the process resources that the tests and benchmarks of
// many connections need: the limit on open descriptors, and resident memory.
package resource
