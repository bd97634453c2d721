package mix

import (
	"fmt"
	"slices"
)

// Mixer makes, every FrameMs, each party's mix of the open sources minus its
// own. It is not safe for concurrent use: one goroutine puts the frames of a
// tick, calls Mix, and reads the results.
type Mixer struct {
	parties []*Party
	sum     []int32
	minus   []int32
	shared  map[int]*output // per receiver rate: the whole mix, for parties not heard this tick
}

// Party is one terminal in the mix: a source when it puts a frame, and a receiver.
type Party struct {
	rate  int
	in    *Resampler // to Rate; nil at Rate
	frame []int16    // this tick's frame at Rate
	open  bool
	wasOn bool
	own   output
	mixed []int16
	// source only: a party that is heard but never listens (JoinSource) gets no mix rendered.
	source bool
}

// output is one stream of mixed audio on its way to a receiver rate.
type output struct {
	lim limiter
	pcm []int16    // limited mix at Rate
	out *Resampler // from Rate; nil at Rate
	buf []int16    // the frame at the receiver's rate
}

// New returns an empty mixer.
func New() *Mixer {
	return &Mixer{
		sum:    make([]int32, frameLen(Rate)),
		minus:  make([]int32, frameLen(Rate)),
		shared: map[int]*output{},
	}
}

func newOutput(rate int) (output, error) {
	o := output{pcm: make([]int16, frameLen(Rate)), buf: make([]int16, frameLen(rate))}
	if rate != Rate {
		r, err := NewResampler(Rate, rate)
		if err != nil {
			return o, err
		}
		o.out = r
	}
	return o, nil
}

// Join adds a party whose codec runs at rate (8000, 16000 or 48000 Hz).
func (m *Mixer) Join(rate int) (*Party, error) {
	p := &Party{rate: rate, frame: make([]int16, frameLen(Rate))}
	if rate != Rate {
		r, err := NewResampler(rate, Rate)
		if err != nil {
			return nil, fmt.Errorf("join the mix: %w", err)
		}
		p.in = r
	}
	own, err := newOutput(rate)
	if err != nil {
		return nil, fmt.Errorf("join the mix: %w", err)
	}
	p.own = own
	if m.shared[rate] == nil {
		o, _ := newOutput(rate)
		m.shared[rate] = &o
	}
	m.parties = append(m.parties, p)
	return p, nil
}

// JoinSource adds a party that is only heard (a source whose mix nobody plays): it puts frames
// at rate and gets no mix, which saves rendering one.
func (m *Mixer) JoinSource(rate int) (*Party, error) {
	p, err := m.Join(rate)
	if err != nil {
		return nil, err
	}
	p.source = true
	return p, nil
}

// Leave removes a party; its frames and mix are no longer used.
func (m *Mixer) Leave(p *Party) {
	m.parties = slices.DeleteFunc(m.parties, func(q *Party) bool { return q == p })
}

// Put gives the party's decoded frame for this tick (FrameMs at its rate):
// its microphone is open. A party that puts nothing in a tick is not heard.
func (p *Party) Put(pcm []int16) error {
	if n := frameLen(p.rate); len(pcm) != n {
		return fmt.Errorf("mix: frame of %d samples at %d Hz, want %d", len(pcm), p.rate, n)
	}
	if p.in != nil {
		p.in.Process(p.frame, pcm)
	} else {
		copy(p.frame, pcm)
	}
	p.open = true
	return nil
}

// PutMix is Put for a frame already at Rate (FrameMs long), whatever the party's own rate: a
// voice decoded elsewhere at the mix rate joins without a round trip through the party's rate.
func (p *Party) PutMix(pcm []int16) error {
	if n := frameLen(Rate); len(pcm) != n {
		return fmt.Errorf("mix: frame of %d samples at %d Hz, want %d", len(pcm), Rate, n)
	}
	copy(p.frame, pcm)
	p.open = true
	return nil
}

// OwnMix reports whether the last Mix rendered the party its own mix (its voice was in the sum
// and is left out of its mix); otherwise its Mixed is the shared mix of its rate, the same slice
// for every such party, so one encode of it serves them all.
func (p *Party) OwnMix() bool { return p.wasOn }

// Mixed is the party's mix of the last Mix at its rate; it is valid until the next Mix.
func (p *Party) Mixed() []int16 { return p.mixed }

// Mix makes this tick's mix for every party and starts the next tick.
func (m *Mixer) Mix() {
	clear(m.sum)
	for _, p := range m.parties {
		if p.open {
			for i, v := range p.frame {
				m.sum[i] += int32(v)
			}
		}
	}
	for rate, o := range m.shared {
		if m.needsShared(rate) {
			o.render(m.sum)
		}
	}
	for _, p := range m.parties {
		if p.source {
			p.open = false
			continue
		}
		if !p.open {
			p.mixed = m.shared[p.rate].buf
			p.wasOn = false
			continue
		}
		if !p.wasOn {
			p.own.follow(m.shared[p.rate])
		}
		for i, v := range p.frame {
			m.minus[i] = m.sum[i] - int32(v)
		}
		p.own.render(m.minus)
		p.mixed = p.own.buf
		p.wasOn, p.open = true, false
	}
}

func (m *Mixer) needsShared(rate int) bool {
	for _, p := range m.parties {
		if p.rate == rate && !p.source {
			return true
		}
	}
	return false
}

// render limits sum and converts it to the receiver's rate.
func (o *output) render(sum []int32) {
	o.lim.apply(o.pcm, sum)
	if o.out == nil {
		copy(o.buf, o.pcm)
		return
	}
	o.out.Process(o.buf, o.pcm)
}

// follow takes the limiter gain and resampler history of the shared stream
// the party heard until now, so its own mix continues it without a click.
func (o *output) follow(from *output) {
	o.lim = from.lim
	if o.out != nil {
		copy(o.out.hist, from.out.hist)
	}
}
