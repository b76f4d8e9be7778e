-- Every article view reads its site, article and thread. Articles never change and a site rarely
-- does, so a view reads only their ids and versions and takes the parsed rows from memory: every
-- change to a site adds one to its version, so a node notices a change made on any other node at
-- its next view.
ALTER TABLE p_site ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
