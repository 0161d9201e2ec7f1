//! Booking exam and interview sessions.
