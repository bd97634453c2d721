package softep

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/pion/logging"
)

// pionLogs sends Pion's own logs to slog: errors as warnings, the rest at debug.
type pionLogs struct{ log *slog.Logger }

// NewLogger implements logging.LoggerFactory.
func (p pionLogs) NewLogger(scope string) logging.LeveledLogger {
	return pionLogger{log: p.log.With("pion", scope)}
}

// pionLogger adapts one Pion scope; trace output is dropped.
type pionLogger struct{ log *slog.Logger }

func (l pionLogger) emit(level slog.Level, msg string) { l.log.Log(context.Background(), level, msg) }

func (l pionLogger) emitf(level slog.Level, format string, args ...any) {
	if l.log.Enabled(context.Background(), level) {
		l.emit(level, fmt.Sprintf(format, args...))
	}
}

func (l pionLogger) Trace(string)                 {}
func (l pionLogger) Tracef(string, ...any)        {}
func (l pionLogger) Debug(msg string)             { l.emit(slog.LevelDebug, msg) }
func (l pionLogger) Debugf(f string, args ...any) { l.emitf(slog.LevelDebug, f, args...) }
func (l pionLogger) Info(msg string)              { l.emit(slog.LevelDebug, msg) }
func (l pionLogger) Infof(f string, args ...any)  { l.emitf(slog.LevelDebug, f, args...) }
func (l pionLogger) Warn(msg string)              { l.emit(slog.LevelDebug, msg) }
func (l pionLogger) Warnf(f string, args ...any)  { l.emitf(slog.LevelDebug, f, args...) }
func (l pionLogger) Error(msg string)             { l.emit(slog.LevelWarn, msg) }
func (l pionLogger) Errorf(f string, args ...any) { l.emitf(slog.LevelWarn, f, args...) }
