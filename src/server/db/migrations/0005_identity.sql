-- Accounts, sessions and the relations the access policy reads.
CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  email text NOT NULL CHECK (length(email) <= 254),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('patient', 'caregiver', 'front_desk', 'nurse', 'clinician', 'billing', 'referrer', 'admin')),
  status text NOT NULL CHECK (status IN ('invited', 'pending_approval', 'active', 'disabled')),
  password_hash text,
  totp_secret text,
  totp_enabled_at timestamptz,
  -- The last accepted TOTP time step: a code is never accepted twice (RFC 6238 5.2).
  totp_last_step bigint,
  patient_id uuid REFERENCES patient(id),
  practitioner_id uuid REFERENCES practitioner(id),
  npi text CHECK (npi IS NULL OR npi ~ '^[0-9]{10}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'patient' OR patient_id IS NOT NULL),
  CHECK (role <> 'referrer' OR npi IS NOT NULL)
);
CREATE UNIQUE INDEX app_user_email ON app_user (organization_id, lower(email));

-- Server-side sessions. Only a hash of the cookie's token is stored.
CREATE TABLE user_session (
  id_hash text PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  idle_timeout_sec int NOT NULL CHECK (idle_timeout_sec > 0),
  -- false while the second factor is still owed (password accepted, TOTP not yet)
  mfa_passed boolean NOT NULL,
  csrf_token text NOT NULL,
  source_ip text,
  user_agent text,
  revoked_at timestamptz
);
CREATE INDEX user_session_user ON user_session (user_id) WHERE revoked_at IS NULL;

-- Invitations, password resets and account activations: single use, short lived.
CREATE TABLE one_time_token (
  token_hash text PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  purpose text NOT NULL CHECK (purpose IN ('invite', 'password_reset', 'activation')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE recovery_code (
  user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- Failed sign-ins, per account and per source address, for throttling (OWASP ASVS 2.2.1).
CREATE TABLE auth_failure (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization(id),
  subject text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX auth_failure_subject ON auth_failure (subject, at);

CREATE TABLE caregiver_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  caregiver_user_id uuid NOT NULL REFERENCES app_user(id),
  patient_id uuid NOT NULL REFERENCES patient(id),
  scope text NOT NULL CHECK (scope IN ('full', 'limited')),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE UNIQUE INDEX caregiver_grant_active ON caregiver_grant (caregiver_user_id, patient_id) WHERE revoked_at IS NULL;

-- A referral gives its referring provider access to that patient while it is
-- active and the patient has not revoked it. (The referral portal fills it.)
CREATE TABLE referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  referrer_user_id uuid NOT NULL REFERENCES app_user(id),
  patient_id uuid NOT NULL REFERENCES patient(id),
  status text NOT NULL CHECK (status IN ('submitted', 'accepted', 'active', 'closed', 'declined')),
  revoked_by_patient_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_referrer ON referral (referrer_user_id, patient_id);

-- Emergency access (45 CFR 164.312(a)(2)(ii)): reasoned, time-limited, reviewed.
CREATE TABLE break_glass (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  patient_id uuid NOT NULL REFERENCES patient(id),
  reason text NOT NULL CHECK (length(reason) >= 10),
  started_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES app_user(id),
  CHECK (expires_at > started_at)
);
CREATE INDEX break_glass_active ON break_glass (user_id, patient_id, expires_at);
