package org.winnow.platform;

/** The demo article created on first start, so a fresh install has a page to comment on. */
final class DemoContent {
    static final String SLUG = "winnowing";
    static final String TITLE = "Wind, baskets and the oldest spam filter";
    static final String SUMMARY = "Long before software sorted comments, farmers sorted grain with the wind. A short history of winnowing.";
    static final String BODY = """
            Every harvest ends with the same problem: the part you want is mixed up with a great deal you
            do not. After threshing, the kernels of wheat or rice lie tangled with husks, bits of straw and
            dust. For most of history the answer was a breezy afternoon and a shallow basket.

            ## Throwing grain into the air

            Winnowing works because grain is heavy and chaff is light. Toss a basketful upwards on a day
            with a steady wind and the kernels fall back almost where they rose, while the husks drift off
            to one side. Repeat it often enough and what lands in the basket is nearly clean. In many
            places the tool was a wide, flat fan of woven reed; elsewhere it was a wooden shovel or a
            forked stick, and the work was timed to the hours when the wind blew steadily.

            The method has a pleasing honesty. Nothing is thrown away by decree: every piece gets the same
            chance in the same wind, and the outcome depends only on what the piece *is*. A heavy husk now
            and then falls with the grain, and a light kernel now and then blows away, so the farmer checks
            the edges of the pile before sweeping it up.

            ## From wind to machines

            In the eighteenth century, hand-cranked fanning mills brought the wind indoors. A rotating fan
            pushed air across a stream of falling grain, and a set of sieves did the rest. The machines
            were faster and did not need the weather to cooperate, but they kept the old principle: let
            weight decide, and have a person look at what ends up in the wrong heap.

            ## Why this site is named after it

            A comment section has its own harvest. Most of what arrives is worth keeping; some of it is
            advertising for things nobody asked about. The filter behind these comments does what the
            basket did: it weighs each comment by what it contains and says why it decided as it did. When
            it gets one wrong, a moderator moves it to the right pile, and the filter learns from that,
            the way a farmer learns which corner of the yard catches the best breeze.

            Try it below. Leave a comment, reply to someone, or see what happens to a comment that is
            stuffed with links.
            """;

    private DemoContent() {}
}
