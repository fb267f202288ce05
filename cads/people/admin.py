# Person records are edited through audited services and screens, not the admin.
