// Command server is a small Redis-protocol key-value server built on
// github.com/tidwall/redcon, in the manner of redcon's example: PING, ECHO,
// SET, GET, DEL, QUIT, and enough of CONFIG for redis-benchmark. The
// benchmark script builds it unpatched and patched with greenpatch.
package main

import (
	"flag"
	"log"
	"strings"
	"sync"

	"github.com/tidwall/redcon"
)

type store struct {
	mu   sync.RWMutex
	data map[string][]byte
}

func (s *store) handle(conn redcon.Conn, cmd redcon.Command) {
	switch strings.ToUpper(string(cmd.Args[0])) {
	case "PING":
		conn.WriteString("PONG")
	case "ECHO":
		if len(cmd.Args) != 2 {
			conn.WriteError("ERR wrong number of arguments for 'echo' command")
			return
		}
		conn.WriteBulk(cmd.Args[1])
	case "QUIT":
		conn.WriteString("OK")
		conn.Close()
	case "SET":
		if len(cmd.Args) != 3 {
			conn.WriteError("ERR wrong number of arguments for 'set' command")
			return
		}
		s.mu.Lock()
		s.data[string(cmd.Args[1])] = append([]byte(nil), cmd.Args[2]...)
		s.mu.Unlock()
		conn.WriteString("OK")
	case "GET":
		if len(cmd.Args) != 2 {
			conn.WriteError("ERR wrong number of arguments for 'get' command")
			return
		}
		s.mu.RLock()
		v, ok := s.data[string(cmd.Args[1])]
		s.mu.RUnlock()
		if !ok {
			conn.WriteNull()
			return
		}
		conn.WriteBulk(v)
	case "DEL":
		if len(cmd.Args) != 2 {
			conn.WriteError("ERR wrong number of arguments for 'del' command")
			return
		}
		s.mu.Lock()
		_, ok := s.data[string(cmd.Args[1])]
		delete(s.data, string(cmd.Args[1]))
		s.mu.Unlock()
		if ok {
			conn.WriteInt(1)
		} else {
			conn.WriteInt(0)
		}
	case "CONFIG":
		// redis-benchmark asks for "save" and "appendonly": answer empty.
		conn.WriteArray(0)
	default:
		conn.WriteError("ERR unknown command '" + string(cmd.Args[0]) + "'")
	}
}

func main() {
	addr := flag.String("addr", "127.0.0.1:6380", "listen address")
	flag.Parse()
	s := &store{data: make(map[string][]byte)}
	log.Printf("serving on %s", *addr)
	err := redcon.ListenAndServe(*addr, s.handle,
		func(conn redcon.Conn) bool { return true },
		func(conn redcon.Conn, err error) {})
	if err != nil {
		log.Fatal(err)
	}
}
