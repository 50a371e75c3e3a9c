/**
 * HTTP fuzzing for the error contract "every error is problem+json, no 5xx for a client mistake":
 * {@link dev.tollgate.platform.test.fuzz.RequestFuzzer} builds seeded random requests (so a failure
 * is reproduced by its seed and index), {@link dev.tollgate.platform.test.fuzz.RawHttp} sends them
 * byte for byte over a socket (java.net.http refuses odd methods, raw non-ASCII and oversized
 * headers), and {@link dev.tollgate.platform.test.fuzz.ProblemContract} says what an answer broke.
 */
package dev.tollgate.platform.test.fuzz;
