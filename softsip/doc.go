// Package softsip is a SIP room system in software, for `diemcau bench --sip N`: it dials a
// bridge point with its join secret as the digest password, sends G.722 in 20 ms frames (and
// H.264 at 25 fps when the clip is there and the answer takes video), receives the mix and the
// picture, counts packets and loss, and can mark and detect a tone burst to measure the mix
// latency. Tooling, not the product.
package softsip
