// Package demo plays `diemcau demo`'s scripted meeting with soft endpoints: speak requests, a
// loss episode, a dropped link, an incident report. Tooling, not the product.
package demo
