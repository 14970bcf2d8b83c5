package main

import (
	"testing"

	"github.com/eventlet-go/eventlet/internal/exampletest"
)

func TestMain(m *testing.M) { exampletest.Main(m, main) }

func TestOutputMatchesPython(t *testing.T) { exampletest.CompareWithPython(t) }
