// Ping-pong: two goroutines pass a ball over unbuffered channels with a
// select that both sends and receives, until a quit channel closes.
package main

import "fmt"

func player(name string, in <-chan int, out chan<- int, quit <-chan struct{}, log chan<- string) {
	for {
		select {
		case ball := <-in:
			log <- fmt.Sprintf("%s hits %d", name, ball)
			select {
			case out <- ball + 1:
			case <-quit:
				return
			}
		case <-quit:
			return
		}
	}
}

func main() {
	ping, pong := make(chan int), make(chan int)
	quit := make(chan struct{})
	log := make(chan string)
	go player("ping", ping, pong, quit, log)
	go player("pong", pong, ping, quit, log)
	ping <- 0
	for i := 0; i < 6; i++ {
		fmt.Println(<-log)
	}
	close(quit)
	fmt.Println("done")
}
