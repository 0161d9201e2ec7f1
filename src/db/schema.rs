// Diesel table definitions, written by hand to match both `migrations/sqlite` and
// `migrations/postgres` (portable column types only).

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        password_hash -> Text,
        role -> Text,
        locale -> Nullable<Text>,
        email_verified_at -> Nullable<Timestamp>,
        privacy_version -> Nullable<Text>,
        privacy_accepted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        state -> Text,
    }
}

diesel::table! {
    tokens (id) {
        id -> Text,
        user_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        scope -> Text,
        subject -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        kind -> Text,
        payload -> Text,
        dedup_key -> Nullable<Text>,
        priority -> Integer,
        state -> Text,
        attempts -> Integer,
        max_attempts -> Integer,
        run_after -> Timestamp,
        locked_at -> Nullable<Timestamp>,
        locked_by -> Nullable<Text>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        channel -> Text,
        recipient -> Text,
        user_id -> Nullable<Text>,
        template -> Text,
        locale -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        attachment_name -> Nullable<Text>,
        attachment_type -> Nullable<Text>,
        attachment_body -> Nullable<Text>,
        application_id -> Nullable<Text>,
        template_version -> Nullable<Text>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        subject -> Text,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    profiles (candidate_id) {
        candidate_id -> Text,
        answers -> Text,
        saved_steps -> Text,
        full_name -> Text,
        citizenship -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    applications (id) {
        id -> Text,
        candidate_id -> Text,
        cycle_code -> Text,
        program_code -> Text,
        cycle_version_id -> Text,
        status -> Text,
        answers -> Text,
        saved_steps -> Text,
        receipt_number -> Nullable<Text>,
        submitted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        candidate_id -> Text,
        application_id -> Nullable<Text>,
        requirement -> Text,
        version -> Integer,
        file_name -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        storage_key -> Text,
        status -> Text,
        review_note -> Nullable<Text>,
        reviewed_by -> Nullable<Text>,
        reviewed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        correction_due -> Nullable<Date>,
        original_received_on -> Nullable<Date>,
        original_received_by -> Nullable<Text>,
    }
}

diesel::table! {
    application_events (id) {
        id -> Text,
        application_id -> Text,
        at -> Timestamp,
        from_status -> Nullable<Text>,
        to_status -> Text,
        actor_id -> Nullable<Text>,
        entry -> Text,
        args -> Text,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(tokens -> users (user_id));
diesel::joinable!(applications -> users (candidate_id));
diesel::joinable!(applications -> cycle_versions (cycle_version_id));
diesel::joinable!(application_events -> applications (application_id));
diesel::joinable!(profiles -> users (candidate_id));
diesel::joinable!(fee_orders -> applications (application_id));
diesel::joinable!(fee_order_events -> fee_orders (order_id));
diesel::joinable!(payment_sessions -> fee_orders (order_id));
diesel::joinable!(refunds -> fee_orders (order_id));
diesel::joinable!(credit_allocations -> bank_credits (credit_id));
diesel::joinable!(credit_allocations -> fee_orders (order_id));
diesel::joinable!(bank_credits -> bank_statements (statement_id));
diesel::joinable!(candidate_numbers -> users (user_id));
diesel::joinable!(exam_bookings -> applications (application_id));
diesel::joinable!(exam_bookings -> exam_seats (seat_id));
diesel::joinable!(exam_scores -> applications (application_id));
diesel::joinable!(exam_waits -> applications (application_id));
diesel::joinable!(exam_waits -> exam_seats (seat_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    sessions,
    tokens,
    login_failures,
    jobs,
    outbox,
    audit_log,
    applications,
    application_events,
    profiles,
    documents,
    cycle_versions,
    fee_orders,
    fee_order_events,
    payment_sessions,
    refunds,
    candidate_numbers,
    bank_statements,
    bank_credits,
    credit_allocations,
    exam_seats,
    exam_bookings,
    exam_scores,
    exam_waits,
    automation_marks,
    automation_firings,
);
diesel::joinable!(automation_firings -> applications (application_id));

diesel::table! {
    fee_orders (id) {
        id -> Text,
        application_id -> Text,
        kind -> Text,
        amount_minor -> BigInt,
        currency -> Text,
        status -> Text,
        channel -> Nullable<Text>,
        paid_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    fee_order_events (id) {
        id -> Text,
        order_id -> Text,
        at -> Timestamp,
        from_status -> Nullable<Text>,
        to_status -> Text,
        channel -> Nullable<Text>,
        reason -> Text,
    }
}

diesel::table! {
    payment_sessions (id) {
        id -> Text,
        order_id -> Text,
        provider -> Text,
        amount_minor -> BigInt,
        currency -> Text,
        state -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        checkout_url -> Nullable<Text>,
        reference -> Nullable<Text>,
        gateway_id -> Nullable<Text>,
    }
}

diesel::table! {
    payment_notifications (provider, event_id) {
        provider -> Text,
        event_id -> Text,
        session_id -> Text,
        outcome -> Text,
        received_at -> Timestamp,
    }
}

diesel::table! {
    data_upgrades (name) {
        name -> Text,
        done_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    cycle_versions (id) {
        id -> Text,
        cycle_code -> Text,
        version -> Integer,
        state -> Text,
        files -> Text,
        created_at -> Timestamp,
        created_by -> Nullable<Text>,
        published_at -> Nullable<Timestamp>,
        published_by -> Nullable<Text>,
    }
}

diesel::table! {
    counters (name) {
        name -> Text,
        value -> BigInt,
    }
}

diesel::table! {
    candidate_numbers (user_id) {
        user_id -> Text,
        number -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    bank_statements (id) {
        id -> Text,
        format -> Text,
        reference -> Text,
        account -> Text,
        file_name -> Text,
        imported_by -> Nullable<Text>,
        imported_at -> Timestamp,
        credits -> Integer,
        matched -> Integer,
        unmatched -> Integer,
        repeated -> Integer,
    }
}

diesel::table! {
    bank_credits (id) {
        id -> Text,
        statement_id -> Text,
        fingerprint -> Text,
        value_date -> Date,
        amount_minor -> BigInt,
        currency -> Text,
        account -> Nullable<Text>,
        user_id -> Nullable<Text>,
        payer -> Text,
        title -> Text,
        bank_reference -> Text,
        state -> Text,
        reason -> Nullable<Text>,
        left_minor -> BigInt,
        matched_by -> Nullable<Text>,
        matched_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    credit_allocations (credit_id, order_id) {
        credit_id -> Text,
        order_id -> Text,
        amount_minor -> BigInt,
    }
}

diesel::table! {
    refunds (id) {
        id -> Text,
        order_id -> Text,
        session_id -> Nullable<Text>,
        method -> Text,
        amount_minor -> BigInt,
        currency -> Text,
        state -> Text,
        reason -> Text,
        account -> Nullable<Text>,
        reference -> Nullable<Text>,
        problem -> Nullable<Text>,
        requested_by -> Nullable<Text>,
        requested_at -> Timestamp,
        completed_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
        extra -> Bool,
        credit_id -> Nullable<Text>,
    }
}

diesel::table! {
    exam_seats (id) {
        id -> Text,
        taken -> Integer,
        cancelled_at -> Nullable<Timestamp>,
        cancelled_by -> Nullable<Text>,
    }
}

diesel::table! {
    exam_waits (id) {
        id -> Text,
        application_id -> Text,
        exam_key -> Text,
        session_key -> Text,
        seat_id -> Text,
        state -> Text,
        joined_at -> Timestamp,
        offered_until -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    exam_bookings (id) {
        id -> Text,
        application_id -> Text,
        exam_key -> Text,
        session_key -> Text,
        seat_id -> Text,
        state -> Text,
        sequence -> Integer,
        moves -> Integer,
        booked_at -> Timestamp,
        updated_at -> Timestamp,
        cancelled_at -> Nullable<Timestamp>,
        attendance -> Nullable<Text>,
        attendance_by -> Nullable<Text>,
        attendance_at -> Nullable<Timestamp>,
        starts -> Nullable<Text>,
    }
}

diesel::table! {
    exam_scores (application_id, exam_key) {
        application_id -> Text,
        exam_key -> Text,
        first_score -> Nullable<BigInt>,
        first_by -> Nullable<Text>,
        second_score -> Nullable<BigInt>,
        second_by -> Nullable<Text>,
        score -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    automation_marks (cycle_code, rule_id) {
        cycle_code -> Text,
        rule_id -> Text,
        checked_until -> Timestamp,
    }
}

diesel::table! {
    automation_firings (id) {
        id -> Text,
        cycle_code -> Text,
        rule_id -> Text,
        application_id -> Text,
        occurrence -> Text,
        due_at -> Timestamp,
        created_at -> Timestamp,
        done_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
    }
}
