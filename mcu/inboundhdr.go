package mcu

import (
	"github.com/pion/interceptor"
	"github.com/pion/rtp"
)

// rtpHeaderAttr is the key under which interceptor.Attributes.GetRTPHeader keeps the header it
// parsed. The interceptor package does not export it, so it is learnt once from GetRTPHeader
// itself; nil if that ever fails, and inboundHeaders then lets GetRTPHeader parse (one
// allocation per packet instead of none).
var rtpHeaderAttr = func() any {
	a := interceptor.Attributes{}
	if _, err := a.GetRTPHeader([]byte{0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}); err != nil {
		return nil
	}
	for k, v := range a {
		if _, ok := v.(*rtp.Header); ok {
			return k
		}
	}
	return nil
}()

// inboundHeaders is the interceptor nearest the network on inbound RTP. Pion reads a remote
// track with nil attributes, so the NACK generator and the receiver reports above it each made a
// map and unmarshalled the header into new memory, several allocations per inbound packet. This
// one gives every stream one attributes map, reused, holding the packet's header parsed into
// one reused rtp.Header, which GetRTPHeader then returns to them.
type inboundHeaders struct{ interceptor.NoOp }

// inboundHeadersFactory builds inboundHeaders for each PeerConnection.
type inboundHeadersFactory struct{}

// NewInterceptor implements interceptor.Factory.
func (inboundHeadersFactory) NewInterceptor(string) (interceptor.Interceptor, error) {
	return &inboundHeaders{}, nil
}

// BindRemoteStream wraps the stream's reader. One goroutine reads a track, so the map and the
// header are used by one packet at a time; the interceptors above read them before Read returns.
func (*inboundHeaders) BindRemoteStream(_ *interceptor.StreamInfo, reader interceptor.RTPReader) interceptor.RTPReader {
	attrs := interceptor.Attributes{}
	hdr := &rtp.Header{}
	return interceptor.RTPReaderFunc(func(b []byte, a interceptor.Attributes) (int, interceptor.Attributes, error) {
		if a == nil {
			a = attrs
		}
		n, a, err := reader.Read(b, a)
		if err != nil || a == nil {
			return n, a, err
		}
		if rtpHeaderAttr == nil {
			_, _ = a.GetRTPHeader(b[:n])
		} else if _, uerr := hdr.Unmarshal(b[:n]); uerr == nil {
			a[rtpHeaderAttr] = hdr
		} else {
			delete(a, rtpHeaderAttr) // not a header of this packet: let the others fail on it
		}
		return n, a, err
	})
}
