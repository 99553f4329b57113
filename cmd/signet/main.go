// Command signet takes a recall or initiative petition from the street to the certificate:
// it imports the voter roll and the signature lines, verifies every line, and reports the
// count with every verdict explained and audited. Run "signet help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain(os.Stdin, os.Stdout, os.Stderr)
	if p := os.Getenv("SIGNET_CPUPROFILE"); p != "" { // for measuring: a pprof CPU profile of the run
		if f, err := os.Create(p); err == nil {
			pprof.StartCPUProfile(f)
			defer f.Close()
		}
	}
	code := m.Exit(m.Run(ctx, os.Args[1:]))
	pprof.StopCPUProfile()
	stop()
	os.Exit(code)
}
