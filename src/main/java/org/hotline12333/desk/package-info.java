/**
 * The agent's desk: a web page at {@code /desk} for agents at their softphones — state, a screen-pop pushed over
 * server-sent events on offer and on answer, transfers and three-way calls, the wrap-up with a classification or a
 * case, the knowledge base with suggestions for the call, and the caller's history. It builds on the desk API of
 * {@code routing}, the cases of {@code cases} and the articles of {@code knowledge}; nothing depends on it.
 * docs/desk.md.
 */
package org.hotline12333.desk;
