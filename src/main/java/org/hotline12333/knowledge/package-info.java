/**
 * The knowledge base of unified answers (统一答复口径): articles with the answer the centre agreed to give, its policy
 * basis, the classification codes it answers and the documents a citizen must bring (一次性告知清单); versions written
 * by one supervisor and approved by another, in force from an effective date until an expiry; Chinese full-text
 * search (Apache Lucene with its smartcn analyzer) kept in step with the approved versions; and which article was
 * opened on which call. docs/knowledge.md.
 *
 * <p>Public API: {@link org.hotline12333.knowledge.Knowledge} (search, suggestions, opening an article on a call) and
 * its records {@link org.hotline12333.knowledge.KnowledgeHit}, {@link org.hotline12333.knowledge.KnowledgeArticle}.
 */
package org.hotline12333.knowledge;
