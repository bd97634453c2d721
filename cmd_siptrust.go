package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"diemcau/store"
)

// runSIPTrust handles diemcau bridgepoint sip-trust ID on|off: whether the bridge point's SIP
// terminal is admitted by its registered device_ip without a digest (government private
// networks where the address is the credential).
func runSIPTrust(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := newFlagSet("bridgepoint sip-trust", &cf, "diemcau.db")
	actor := actorFlag(fs)
	if err := parse(fs, &cf, args); err != nil {
		return err
	}
	if fs.NArg() != 2 || (fs.Arg(1) != "on" && fs.Arg(1) != "off") {
		fmt.Fprintf(os.Stderr, msg(cf.lang, "subcommandUsage"), msg(cf.lang, "sipTrustUsage"))
		return errUsage
	}
	id, on := fs.Arg(0), fs.Arg(1) == "on"
	d, closeDesk, err := openDesk(ctx, cf, *actor, nil)
	if err != nil {
		return err
	}
	defer closeDesk()
	bp, err := d.BridgePoint(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(os.Stderr, msg(cf.lang, "unknownBP"), id)
		return errUsage
	}
	if err != nil {
		return err
	}
	if on && bp.DeviceIP == "" {
		fmt.Fprintf(os.Stderr, msg(cf.lang, "sipTrustNoIP"), id)
		return errUsage
	}
	if err := d.SetSIPAddressTrust(ctx, id, on); err != nil {
		return err
	}
	if on {
		fmt.Fprintf(os.Stdout, msg(cf.lang, "sipTrustOn"), id, bp.DeviceIP)
	} else {
		fmt.Fprintf(os.Stdout, msg(cf.lang, "sipTrustOff"), id)
	}
	return nil
}
