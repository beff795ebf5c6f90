/**
 * Commands and ownership: the cross-thread protocol every engine object speaks (libzmq's object_t, own_t, mailbox_t
 * and command_t).
 *
 * <p>Objects that live on different threads affect each other only through {@link dev.zmq4j.core.Command}s sent to
 * a {@link dev.zmq4j.core.Mailbox}; {@link dev.zmq4j.core.Own} arranges them in the ownership tree that makes
 * shutdown race-free; {@link dev.zmq4j.core.Options} is the snapshot of a socket's options that each object gets.
 *
 * <p>The package depends upward on purpose, in one place: the sealed {@code Command} names the objects it carries
 * and targets ({@code Engine} for attach, {@code Pipe} for bind and the pipe commands, {@code Reapable} for reap),
 * and {@code CommandTarget} has a handler for each, as libzmq's object_t has. A typed command needs its payload's
 * type, so these edges are inherent to the design and imported openly. {@code ContextCore} knows the I/O threads,
 * the reaper and the sockets it runs, as libzmq's ctx_t does. Nothing else here reaches above the package: engines,
 * sessions and sockets are known only through those types.
 */
package dev.zmq4j.core;
