package signet_test

import (
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The rule of the layout (docs/architecture.md): the engine's packages know no store and
// no database, and in the CLI only store.go opens one.
func TestEngineKnowsNoStore(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./registrar/", "./law/", "./match/", "./sample/", "./forecast/").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasSuffix(dep, "/sqlite") || strings.HasSuffix(dep, "/postgres") || dep == "database/sql" || strings.Contains(dep, "modernc.org/sqlite") || strings.Contains(dep, "jackc/pgx") {
			t.Errorf("the engine depends on %s", dep)
		}
	}
}

func TestOnlyTheWiringOpensAStore(t *testing.T) {
	files, err := filepath.Glob("cmd/signet/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no CLI files: %v", err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		ast, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			store := strings.HasSuffix(path, "signet/sqlite") || strings.HasSuffix(path, "signet/postgres") || path == "database/sql"
			if store && filepath.Base(f) != "store.go" {
				t.Errorf("%s imports %s: only cmd/signet/store.go chooses a store", f, path)
			}
		}
	}
}
