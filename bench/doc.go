// Package bench is `diemcau bench`'s load generator: the MCU in a child process, N soft endpoints
// joining at once, and the results table. Tooling, not the product.
package bench
