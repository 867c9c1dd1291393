package org.hotline12333.outreach;

/** Why a citizen is contacted. */
public enum SmsPurpose {
    /** 一次性告知: the complete list of documents for a matter, from the knowledge base article the agent used. */
    DOCUMENT_LIST,
    /** A department replied to the citizen's case. */
    CASE_REPLY,
    /** A supervisor sent a message that had failed or was uncertain again. */
    RESEND
}
