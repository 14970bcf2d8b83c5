// Package patch is eventlet's monkey patch for Go source.
//
// eventlet's monkey_patch() and gevent's patch_all() swap stdlib modules at
// run time; Go cannot, so this package rewrites a program's source instead,
// with the type information of golang.org/x/tools/go/packages:
//
//   - imports of net, time, sync and net/http point at the green mirrors
//     under github.com/eventlet-go/eventlet/green, under the file's own
//     names for them;
//   - go f(x) becomes a green spawn (eventlet.SpawnN) that evaluates f and
//     its arguments where the go statement did;
//   - channel receives, sends, range loops over channels and select
//     statements become eventlet.RecvValue/Recv, eventlet.Send,
//     eventlet.Range and eventlet.Select, which park the calling greenlet
//     instead of stalling the hub. A select with a default case never
//     blocks, so it stays a plain select; select {} becomes
//     eventlet.Select(nil), which parks forever.
//
// Every conversion keeps Go's order of evaluation. The output is
// gofmt-formatted and builds. What the patch cannot convert (a stdlib
// *sync.Mutex handed to a dependency it does not rewrite, a net.Conn made
// by one, runtime.LockOSThread, exec.Cmd.Wait...) is left as it is and
// listed as a Diagnostic with its position and the reason.
//
// Packages loads and patches; Result.WriteInPlace writes the patched files
// over the originals (like gofmt -w), and Result.Overlay writes them to a
// cache directory for go build -overlay, which builds the green program
// without touching the user's files, dependencies included (Config.Deps).
// The command greenpatch drives it; docs/porting.md is the porting guide.
package patch
