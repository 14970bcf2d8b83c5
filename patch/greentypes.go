package patch

// distinctTypes lists, for each mirrored package, the types its green
// mirror declares as types of its own rather than aliases of the stdlib's:
// the blocking ones. A stdlib value of one of them cannot stand where the
// patched code expects the green type, or the other way round.
var distinctTypes = map[string][]string{
	"net":      {"Buffers", "Dialer", "IPConn", "ListenConfig", "Resolver", "TCPConn", "TCPListener", "UDPConn", "UnixConn", "UnixListener"},
	"time":     {"Ticker", "Timer"},
	"sync":     {"Cond", "Mutex", "Once", "RWMutex", "WaitGroup"},
	"net/http": {"Client", "ClientConn", "Server", "Transport"},
}

// blockingInterfaces lists the interfaces the green mirrors alias whose
// stdlib implementations block: a net.Conn made by unpatched code is a
// stdlib connection, and its Read stalls the hub.
var blockingInterfaces = map[string][]string{
	"net":      {"Conn", "Listener", "PacketConn"},
	"net/http": {"RoundTripper"},
}

// blockingCalls lists stdlib functions, outside the mirrored packages, that
// block the hub however the program is patched, and what to do instead.
// The keys are types.Func.FullName spellings.
var blockingCalls = map[string]struct {
	feature Feature // the conversion that makes the call a problem; 0 for any
	why     string
}{
	"runtime.LockOSThread":                        {0, "locks the thread, a fatal error in a greenthread: greenthreads share their hub's thread"},
	"(*os/exec.Cmd).Run":                          {0, "waits for the child process in a system call that stalls the hub: call it through eventlet.Offload"},
	"(*os/exec.Cmd).Wait":                         {0, "waits for the child process in a system call that stalls the hub: call it through eventlet.Offload"},
	"(*os/exec.Cmd).Output":                       {0, "waits for the child process in a system call that stalls the hub: call it through eventlet.Offload"},
	"(*os/exec.Cmd).CombinedOutput":               {0, "waits for the child process in a system call that stalls the hub: call it through eventlet.Offload"},
	"crypto/tls.Dial":                             {Net, "dials with the stdlib net package, whose calls stall the hub: use tls.Client over a conn from the green net.Dial"},
	"crypto/tls.DialWithDialer":                   {Net, "dials with the stdlib net package, whose calls stall the hub: use tls.Client over a conn from the green net.Dial"},
	"(*crypto/tls.Dialer).Dial":                   {Net, "dials with the stdlib net package, whose calls stall the hub: use tls.Client over a conn from the green net.Dial"},
	"(*crypto/tls.Dialer).DialContext":            {Net, "dials with the stdlib net package, whose calls stall the hub: use tls.Client over a conn from the green net.Dial"},
	"crypto/tls.Listen":                           {Net, "listens with the stdlib net package, whose calls stall the hub: use tls.NewListener over a green listener"},
	"net/smtp.Dial":                               {Net, "dials with the stdlib net package, whose calls stall the hub"},
	"net/smtp.SendMail":                           {Net, "dials with the stdlib net package, whose calls stall the hub"},
	"net/rpc.Dial":                                {Net, "dials with the stdlib net package, whose calls stall the hub: use rpc.NewClient over a conn from the green net.Dial"},
	"net/rpc.DialHTTP":                            {Net, "dials with the stdlib net package, whose calls stall the hub"},
	"net/rpc.DialHTTPPath":                        {Net, "dials with the stdlib net package, whose calls stall the hub"},
	"net/rpc/jsonrpc.Dial":                        {Net, "dials with the stdlib net package, whose calls stall the hub: use jsonrpc.NewClient over a conn from the green net.Dial"},
	"net/http/httputil.NewSingleHostReverseProxy": {HTTP, "proxies through the stdlib http.DefaultTransport, whose calls stall the hub: set the proxy's Transport to the green http.DefaultTransport"},
	"(reflect.Value).Recv":                        {Chan, "blocks the hub: receive with eventlet.Recv or eventlet.Select"},
	"(reflect.Value).Send":                        {Chan, "blocks the hub: send with eventlet.Send or eventlet.Select"},
	"reflect.Select":                              {Chan, "used as a value blocks the hub: call eventlet.Select, which has the same contract"},
}
