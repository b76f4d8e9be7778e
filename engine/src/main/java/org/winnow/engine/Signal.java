package org.winnow.engine;

/**
 * One reason behind a verdict.
 *
 * @param name   a stable machine name, e.g. {@code token}, {@code link_domain}, {@code honeypot}, {@code rule:test_trigger}
 * @param detail what exactly fired, for people: the token, the domain, the rule's explanation
 * @param weight how far it moved the score, in log-odds; positive pushes towards spam
 */
public record Signal(String name, String detail, double weight) {}
