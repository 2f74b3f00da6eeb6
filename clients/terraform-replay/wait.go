package main

import (
	"errors"
	"fmt"
	"time"
)

// errNotFound is what the provider's find functions return for its not-found error codes (and for a VPC
// endpoint in state "deleted"); the waits treat it as the resource being absent.
var errNotFound = errors.New("not found")

// refreshFunc reports a resource's current state; ("", nil) with obj == nil means it is absent.
type refreshFunc func() (obj interface{}, state string, err error)

// waitConf follows the provider's retry.StateChangeConf: Pending and Target states, how many consecutive
// not-found answers are tolerated before the resource counts as missing (NotFoundChecks, default 20), and how
// many consecutive target answers are needed (ContinuousTargetOccurence, default 1). An empty Target means
// "wait until it is gone". Only the timing is shortened: localvpc settles at once, so polls are 100 ms apart
// instead of the provider's 5–10 s.
type waitConf struct {
	what                      string
	pending, target           []string
	refresh                   refreshFunc
	notFoundChecks            int
	continuousTargetOccurence int
}

func (c waitConf) wait() (interface{}, error) {
	notFoundChecks := c.notFoundChecks
	if notFoundChecks == 0 {
		notFoundChecks = 20
	}
	continuous := c.continuousTargetOccurence
	if continuous == 0 {
		continuous = 1
	}
	deadline := time.Now().Add(time.Minute)
	notFound, targetSeen := 0, 0
	for {
		obj, state, err := c.refresh()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.what, err)
		}
		switch {
		case obj == nil:
			targetSeen = 0
			if len(c.target) == 0 {
				return nil, nil
			}
			notFound++
			if notFound > notFoundChecks {
				return nil, fmt.Errorf("%s: couldn't find resource (%d retries)", c.what, notFoundChecks)
			}
		case in(state, c.target):
			notFound = 0
			targetSeen++
			if targetSeen >= continuous {
				return obj, nil
			}
		case in(state, c.pending):
			notFound, targetSeen = 0, 0
		default:
			return obj, fmt.Errorf("%s: unexpected state '%s', wanted target '%v'", c.what, state, c.target)
		}
		if time.Now().After(deadline) {
			return obj, fmt.Errorf("%s: timeout while waiting for state to become '%v' (last state: '%s')", c.what, c.target, state)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// retryUntilNotFound follows tfresource.RetryUntilNotFound: it polls a find function until it reports errNotFound.
func retryUntilNotFound(what string, find func() error) error {
	deadline := time.Now().Add(time.Minute)
	for {
		err := find()
		if errors.Is(err, errNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s: still found after a minute", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func in(s string, list []string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
