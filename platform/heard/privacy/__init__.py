"""Privacy operations: subject access exports, requests and erasure, audit search, and retention."""

from heard.privacy.schemas import RetentionReport, SubjectAccess

__all__ = ["RetentionReport", "SubjectAccess"]
