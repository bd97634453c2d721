// Package softep is the soft endpoint: a bridge point in software that joins the MCU over WHIP
// with the media clips of testdata/ and speaks the control channel. Tooling, not the product.
package softep
