package secrets_test

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	secrets "github.com/libsecrets/libsecrets/bindings/go"
)

// Goroutines that lock their OS thread and exit without unlocking make the
// Go runtime terminate that thread. The library may keep per-thread state
// (the kernel's vDSO getrandom state); calls from many short-lived threads,
// and calls after those threads are gone, must all work.
func TestLockedThreadsExit(t *testing.T) {
	const rounds, perRound = 6, 16
	var (
		mu   sync.Mutex
		tids = map[int]bool{}
	)
	for r := 0; r < rounds; r++ {
		var wg sync.WaitGroup
		for g := 0; g < perRound; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				runtime.LockOSThread() // never unlocked: the thread dies with the goroutine
				tid := syscall.Gettid()
				for i := 0; i < 3; i++ {
					runOps(t)
				}
				mu.Lock()
				if tids[tid] {
					t.Errorf("thread %d served two locked goroutines: it did not die", tid)
				}
				tids[tid] = true
				mu.Unlock()
			}()
		}
		wg.Wait()
		runOps(t) // from the test goroutine, after those threads exited
	}
	if len(tids) != rounds*perRound {
		t.Errorf("%d distinct threads, want %d", len(tids), rounds*perRound)
	}

	// The threads are really gone (thread exit is asynchronous: poll). The
	// main thread is the exception: the runtime parks it forever instead.
	alive := func() (n int) {
		for tid := range tids {
			if tid == os.Getpid() {
				continue
			}
			if _, err := os.Stat(fmt.Sprintf("/proc/self/task/%d", tid)); err == nil {
				n++
			}
		}
		return n
	}
	deadline := time.Now().Add(10 * time.Second)
	for alive() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := alive(); n > 0 {
		t.Errorf("%d locked threads still alive after their goroutines exited", n)
	}

	// And the library still works on fresh threads.
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		runOps(t)
	}()
	<-done
	if _, err := secrets.TokenHex(32); err != nil {
		t.Fatal(err)
	}
}
