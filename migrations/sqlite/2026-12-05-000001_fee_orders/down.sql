DROP TABLE payment_notifications;
DROP TABLE payment_sessions;
DROP TABLE fee_order_events;
DROP TABLE fee_orders;
