package sqlite

import (
	"context"
	"database/sql"
	"strings"
)

// bulk inserts rows into a table many at a time: one statement of `per` rows is much
// cheaper than `per` statements. When a multi-row statement fails, it inserts that group
// row by row so the error can name the row (rowErr gets the tag the row was added with,
// such as its line in the input file, and the error).
type bulk struct {
	tx     *sql.Tx
	table  string
	cols   []string
	per    int
	full   *sql.Stmt
	args   []any
	tags   []int // the tags of the buffered rows
	rowErr func(tag int, err error) error
}

func newBulk(ctx context.Context, tx *sql.Tx, table string, cols []string, rowErr func(int, error) error) (*bulk, error) {
	per := 30000 / len(cols)
	if per > 256 {
		per = 256
	}
	b := &bulk{tx: tx, table: table, cols: cols, per: per, rowErr: rowErr}
	var err error
	b.full, err = tx.PrepareContext(ctx, b.sql(per))
	b.args = make([]any, 0, per*len(cols))
	return b, err
}

func (b *bulk) sql(rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(b.cols)), ", ") + ")"
	// Without rowErr nobody looks for the failing row: the transaction is lost whatever
	// fails, so a failure may roll it back at once (OR ROLLBACK). SQLite then keeps no
	// statement journal to undo a failed multi-row statement alone, which was a tenth of
	// the time of storing 715,833 verdicts. With rowErr the transaction must survive the
	// failure so that locate can name the row.
	verb := "INSERT OR ROLLBACK INTO "
	if b.rowErr != nil {
		verb = "INSERT INTO "
	}
	var s strings.Builder
	s.WriteString(verb + b.table + " (" + strings.Join(b.cols, ", ") + ") VALUES ")
	for i := 0; i < rows; i++ {
		if i > 0 {
			s.WriteString(", ")
		}
		s.WriteString(one)
	}
	return s.String()
}

// add buffers one row; its values must be in the column order.
func (b *bulk) add(ctx context.Context, tag int, vals ...any) error {
	b.args = append(b.args, vals...)
	b.tags = append(b.tags, tag)
	if len(b.args) == b.per*len(b.cols) {
		return b.flush(ctx)
	}
	return nil
}

// flush inserts the buffered rows.
func (b *bulk) flush(ctx context.Context) error {
	n := len(b.args) / len(b.cols)
	if n == 0 {
		return nil
	}
	var err error
	if n == b.per {
		_, err = b.full.ExecContext(ctx, b.args...)
	} else {
		_, err = b.tx.ExecContext(ctx, b.sql(n), b.args...)
	}
	if err != nil {
		err = b.locate(ctx, err)
	}
	b.args, b.tags = b.args[:0], b.tags[:0]
	return err
}

// locate finds the buffered row that fails and returns rowErr's error for it.
func (b *bulk) locate(ctx context.Context, groupErr error) error {
	if b.rowErr == nil {
		return groupErr
	}
	one := b.sql(1)
	k := len(b.cols)
	for i := 0; i*k < len(b.args); i++ {
		if _, err := b.tx.ExecContext(ctx, one, b.args[i*k:(i+1)*k]...); err != nil {
			return b.rowErr(b.tags[i], err)
		}
	}
	return groupErr
}

// close flushes what is left and releases the statement.
func (b *bulk) close(ctx context.Context) error {
	err := b.flush(ctx)
	b.full.Close()
	return err
}
