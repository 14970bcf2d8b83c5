package behave_test

import (
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/eventlet-go/eventlet/conformance/behave"
)

// TestUnixUnlinkOnClose: a Unix listener removes its socket file on Close unless told not to, a
// listener made from a file never does, and neither does a unixgram socket.
func TestUnixUnlinkOnClose(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setup func(e *behave.Env, ln behave.UnixListener)
	}{
		{"default", func(*behave.Env, behave.UnixListener) {}},
		{"SetUnlinkOnClose false", func(_ *behave.Env, ln behave.UnixListener) { ln.SetUnlinkOnClose(false) }},
		{"SetUnlinkOnClose false then true", func(_ *behave.Env, ln behave.UnixListener) {
			ln.SetUnlinkOnClose(false)
			ln.SetUnlinkOnClose(true)
		}},
		{"file already removed", func(e *behave.Env, ln behave.UnixListener) {
			e.Record("Remove", os.Remove(ln.Addr().String()))
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			behave.Compare(t, func(e *behave.Env) {
				path := filepath.Join(e.TempDir(), "sock")
				ln, err := e.Net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
				e.Must(err)
				_, err = os.Stat(path)
				e.Record("Stat before Close", err)
				tt.setup(e, ln)
				e.Record("Close", ln.Close())
				_, err = os.Stat(path)
				e.Record("Stat after Close", err)
			})
		})
	}
}

// TestUnixFileListenerKeepsFile: closing a listener made with FileListener leaves the socket
// file to the original listener, whose Close removes it.
func TestUnixFileListenerKeepsFile(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		path := filepath.Join(e.TempDir(), "sock")
		ln, err := e.Net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
		e.Must(err)
		f, err := ln.File()
		e.Must(err)
		fl, err := e.Net.FileListener(f)
		e.Record("FileListener", err)
		e.Record("File Close", f.Close())
		e.Record("FileListener Addr", fl.Addr())
		e.Record("FileListener Close", fl.Close())
		_, err = os.Stat(path)
		e.Record("Stat", err)
		e.Record("Close", ln.Close())
		_, err = os.Stat(path)
		e.Record("Stat after Close", err)
	})
}

// TestUnixgramKeepsFile: closing a unixgram socket leaves its file, as net does.
func TestUnixgramKeepsFile(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		path := filepath.Join(e.TempDir(), "gram")
		c, err := e.Net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
		e.Must(err)
		e.Record("Close", c.Close())
		_, err = os.Stat(path)
		e.Record("Stat after Close", err)
	})
}

// TestUnixAbstract: a listener on an abstract address ("@name") works and has no file to remove.
func TestUnixAbstract(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		name := "@" + filepath.Base(e.TempDir())
		e.NameString(name, "abstract")
		ln, err := e.Net.Listen("unix", name)
		e.Must(err)
		e.Record("Addr", ln.Addr())
		c, err := e.Net.Dial("unix", name)
		e.Must(err)
		defer c.Close()
		s, err := ln.Accept()
		e.Must(err)
		defer s.Close()
		e.Record("server addresses", s.LocalAddr(), s.RemoteAddr())
		e.Record("Close", ln.Close())
	})
}

// TestUnixgram: datagrams between unixgram sockets keep their boundaries and name their sender;
// WriteTo on a connected one fails as net's does.
func TestUnixgram(t *testing.T) {
	behave.Compare(t, func(e *behave.Env) {
		dir := e.TempDir()
		a, err := e.Net.ListenUnixgram("unixgram", &net.UnixAddr{Name: filepath.Join(dir, "a"), Net: "unixgram"})
		e.Must(err)
		defer a.Close()
		baddr := &net.UnixAddr{Name: filepath.Join(dir, "b"), Net: "unixgram"}
		b, err := e.Net.ListenUnixgram("unixgram", baddr)
		e.Must(err)
		defer b.Close()
		n, err := a.WriteToUnix([]byte("one"), baddr)
		e.Record("WriteToUnix", n, err)
		n, err = a.WriteTo([]byte("two"), baddr)
		e.Record("WriteTo", n, err)
		buf := make([]byte, 64)
		n, from, err := b.ReadFromUnix(buf)
		e.Record("ReadFromUnix", buf[:n], from, err)
		n, addr, err := b.ReadFrom(buf)
		e.Record("ReadFrom", buf[:n], addr, err)
		n, err = a.WriteTo([]byte("x"), &net.UDPAddr{})
		e.Record("WriteTo a UDP address", n, err)
		n, err = a.WriteToUnix([]byte("x"), &net.UnixAddr{Name: baddr.Name, Net: "unix"})
		e.Record("WriteToUnix wrong net", n, err)
		n, err = a.WriteToUnix([]byte("x"), nil)
		e.Record("WriteToUnix nil", n, err)

		c, err := e.Net.DialUnix("unixgram", nil, baddr)
		e.Must(err)
		defer c.Close()
		n, err = c.WriteToUnix([]byte("x"), baddr)
		e.Record("WriteToUnix connected", n, err)
		n, err = c.Write([]byte("three"))
		e.Record("Write connected", n, err)
		n, from, err = b.ReadFromUnix(buf)
		e.Record("ReadFromUnix unnamed sender", buf[:n], from == nil, err)
	})
}
