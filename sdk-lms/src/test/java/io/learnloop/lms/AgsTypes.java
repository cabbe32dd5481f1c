package io.learnloop.lms;

/** The AGS media types, written out as the specification spells them. */
final class AgsTypes {
    static final String LINE_ITEM = "application/vnd.ims.lis.v2.lineitem+json";
    static final String CONTAINER = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    static final String RESULTS = "application/vnd.ims.lis.v2.resultcontainer+json";
    static final String SCORE = "application/vnd.ims.lis.v1.score+json";

    private AgsTypes() {
    }
}
