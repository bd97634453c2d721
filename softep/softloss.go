package softep

import (
	"math/rand/v2"

	"github.com/pion/interceptor"
	"github.com/pion/rtp"
)

// lossFactory builds interceptors that drop outgoing RTP at the endpoint's loss rate, just
// before the packets reach the network (so NACK and RTCP see them as sent).
type lossFactory struct{ e *Endpoint }

// NewInterceptor implements interceptor.Factory.
func (f lossFactory) NewInterceptor(string) (interceptor.Interceptor, error) {
	return &lossInterceptor{e: f.e}, nil
}

// lossInterceptor drops a share of the outgoing RTP packets.
type lossInterceptor struct {
	interceptor.NoOp
	e *Endpoint
}

// BindLocalStream wraps the writer of one outgoing stream.
func (l *lossInterceptor) BindLocalStream(_ *interceptor.StreamInfo, writer interceptor.RTPWriter) interceptor.RTPWriter {
	return interceptor.RTPWriterFunc(func(h *rtp.Header, payload []byte, a interceptor.Attributes) (int, error) {
		if pct := l.e.loss(); pct > 0 && rand.Float64()*100 < pct {
			return h.MarshalSize() + len(payload), nil
		}
		return writer.Write(h, payload, a)
	})
}
