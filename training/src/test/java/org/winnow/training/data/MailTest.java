package org.winnow.training.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailTest {
    @Test
    void plainMessageGivesSubjectAndBodyWithoutListTagQuotesAndFooter() {
        String raw = "From: a@b.c\nSubject: Re: [ILUG] cheap\n  hosting\n\nHello there\n> quoted reply\nbye\n"
                + "_______________________________________________\nILUG mailing list http://list.example.org\n";
        assertThat(Mail.toCommentText(raw, 1000)).isEqualTo("cheap hosting\nHello there\nbye");
    }

    @Test
    void decodesQuotedPrintableAndEncodedSubject() {
        String raw = "Subject: =?utf-8?B?RnLDvGhsaW5n?=\nContent-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe, soft=\nbreak\n";
        assertThat(Mail.toCommentText(raw, 1000)).isEqualTo("Frühling\nGrüße, softbreak");
    }

    @Test
    void multipartPrefersPlainTextAndStripsHtmlOtherwise() {
        String raw = "Subject: offer\nContent-Type: multipart/alternative; boundary=\"XX\"\n\n--XX\n"
                + "Content-Type: text/html\n\n<html><b>Buy</b> now</html>\n--XX\n"
                + "Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nQnV5IG5vdyBwbGVhc2U=\n--XX--\n";
        assertThat(Mail.toCommentText(raw, 1000)).isEqualTo("offer\nBuy now please");
        String htmlOnly = "Subject: x\nContent-Type: text/html\n\n<p>Click <a href=\"http://e.com\">here</a></p><style>p{}</style>";
        assertThat(Mail.toCommentText(htmlOnly, 1000)).isEqualTo("x\nClick here");
    }

    @Test
    void cutsLongBodiesAtAWordBoundary() {
        String raw = "Subject: s\n\n" + "word ".repeat(100);
        String text = Mail.toCommentText(raw, 42);
        assertThat(text.length()).isLessThanOrEqualTo(2 + 42);
        assertThat(text).endsWith("word");
    }
}
