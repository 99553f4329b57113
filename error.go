package signet

import (
	"errors"
	"fmt"
)

// ErrorCode classifies an error for the CLI's exit codes and the HTTP statuses.
type ErrorCode string

// The error codes.
const (
	EInvalid      ErrorCode = "invalid"
	ENotFound     ErrorCode = "not_found"
	EConflict     ErrorCode = "conflict"
	EUnauthorized ErrorCode = "unauthorized"
	EForbidden    ErrorCode = "forbidden"
	EInternal     ErrorCode = "internal"
)

// Error is an error with a code and a message meant for people.
type Error struct {
	Code    ErrorCode
	Message string
	// Format and Args are what Errorf made Message of, for a door that words the message
	// in another language with the same values; empty for an Error built otherwise.
	Format string
	Args   []any
}

func (e *Error) Error() string { return e.Message }

// Errorf builds an *Error with a formatted message.
func Errorf(code ErrorCode, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// Code returns the code of err, EInternal for errors that are not an *Error, "" for nil.
func Code(err error) ErrorCode {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}
