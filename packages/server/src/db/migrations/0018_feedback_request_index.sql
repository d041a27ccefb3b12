-- Unlinking or archiving a linked feedback item asks whether another item still stands on the
-- customer request it recorded (db/feedback-items.ts `requestIsBackedByFeedback`): without an
-- index that was a scan of every item, once per item unlinked. Only linked items have a request.
CREATE INDEX feedback_items_request_idx ON feedback_items (request_id) WHERE request_id IS NOT NULL;
