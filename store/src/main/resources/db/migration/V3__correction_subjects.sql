-- What a correction is about, when the sender names it (the comment platform: "comment:<id>"), so that
-- erasing that comment at its author's request also erases the copy of its fields kept in this log.
-- Null for Akismet submissions, which name no stored comment.
ALTER TABLE corrections ADD COLUMN subject VARCHAR(64);
CREATE INDEX corrections_site_subject ON corrections (site_id, subject) WHERE subject IS NOT NULL;
