// Package store is the SQLite log store: embedded versioned migrations, typed queries and
// transactions. It is the only package that speaks SQL.
package store
