class VersionConflict(Exception):
    """The record changed since the caller read it (optimistic locking): answer 409."""
