-- Nodes read the comments judged since a time (to rebuild and share the spam filter's recent-traffic
-- signals); without this index that read would scan every comment.
CREATE INDEX p_comment_created ON p_comment (created_at);
