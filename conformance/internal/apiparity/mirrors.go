package apiparity

// Module is the import path of the module whose green packages are
// checked.
const Module = "github.com/eventlet-go/eventlet"

// Mirrors lists every stdlib package the module mirrors, with its mirror.
var Mirrors = []Pair{
	{Std: "net", Mirror: Module + "/green/net"},
	{Std: "time", Mirror: Module + "/green/time"},
	{Std: "sync", Mirror: Module + "/green/sync"},
	{Std: "net/http", Mirror: Module + "/green/http"},
}
