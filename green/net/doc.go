// Package net mirrors the standard library's package net: it declares every
// exported name of net, so a program switches by changing its import path.
//
// What does not block is net's own: the data types are aliases (IP, Addr,
// TCPAddr, OpError, Conn, Listener...), the functions that do not block
// call net's, and the error values are net's very values. So green
// connections satisfy every stdlib consumer of net.Conn, and errors.Is,
// errors.As and == hold between green and stdlib errors.
//
// What blocks is green: dialing, listening, the connection and listener
// types, and name resolution park the calling greenlet on the hub instead
// of blocking its thread. Called from a plain goroutine, they block that
// goroutine only, with the same results as net.
package net
