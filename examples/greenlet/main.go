// Command greenlet is the seed's raw greenlet switching: two tasks that each print a step and
// switch back to the main greenlet, which resumes them in turn until both are dead. It is this
// Python program, written against python-greenlet, and prints what it prints:
//
//	from greenlet import greenlet, getcurrent
//
//	main = getcurrent()
//
//
//	def task(name, steps):
//	    for i in range(steps):
//	        print(f"{name}: step {i}")
//	        reply = main.switch(f"{name} paused after step {i}")
//	        print(f"{name}: main said {reply}")
//	    return f"{name} finished"
//
//
//	task1 = greenlet(task)
//	task2 = greenlet(task)
//	print("main: starting")
//	print("main: got", task1.switch("task1", 2))
//	print("main: got", task2.switch("task2", 2))
//	turn = 0
//	while not (task1.dead and task2.dead):
//	    turn += 1
//	    for g in (task1, task2):
//	        if not g.dead:
//	            print("main: got", g.switch(f"go on ({turn})"))
//	print("main: both tasks are dead")
//
// The first Switch into a greenlet calls its function with the switch's arguments; a later one
// resumes its paused Switch, which returns what was passed; what the function returns goes to the
// parent (here the main greenlet) as the value of the Switch that resumed it.
package main

import (
	"fmt"

	"github.com/eventlet-go/eventlet/greenlet"
)

func main() {
	mainG := greenlet.Current()

	task := func(args ...any) any {
		name, steps := args[0].(string), args[1].(int)
		for i := range steps {
			fmt.Printf("%s: step %d\n", name, i)
			reply := mainG.Switch(fmt.Sprintf("%s paused after step %d", name, i))
			fmt.Printf("%s: main said %s\n", name, reply)
		}
		return name + " finished"
	}

	task1 := greenlet.New(task)
	task2 := greenlet.New(task)
	fmt.Println("main: starting")
	fmt.Println("main: got", task1.Switch("task1", 2))
	fmt.Println("main: got", task2.Switch("task2", 2))
	for turn := 1; !(task1.Dead() && task2.Dead()); turn++ {
		for _, g := range []*greenlet.Greenlet{task1, task2} {
			if !g.Dead() {
				fmt.Println("main: got", g.Switch(fmt.Sprintf("go on (%d)", turn)))
			}
		}
	}
	fmt.Println("main: both tasks are dead")
}
