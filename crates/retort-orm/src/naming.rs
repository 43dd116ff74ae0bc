//! Flask-SQLAlchemy 3.1's automatic `__tablename__`: `camel_to_snake_case`.

/// Flask-SQLAlchemy's `camel_to_snake_case`, the regular expression
/// `((?<=[a-z0-9])[A-Z]|(?!^)[A-Z](?=[a-z]))` replaced by `_\1`, then
/// lowercased with leading underscores stripped.
///
/// ```
/// assert_eq!(retort_orm::camel_to_snake_case("HTTPRequestLog"), "http_request_log");
/// ```
pub fn camel_to_snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (index, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && index > 0 {
            let after_lower_or_digit =
                chars[index - 1].is_ascii_lowercase() || chars[index - 1].is_ascii_digit();
            let before_lower = chars.get(index + 1).is_some_and(char::is_ascii_lowercase);
            if after_lower_or_digit || before_lower {
                out.push('_');
            }
        }
        out.push(c);
    }
    out.to_lowercase().trim_start_matches('_').to_owned()
}

#[cfg(test)]
mod tests {
    use super::camel_to_snake_case;

    #[test]
    fn follows_flask_sqlalchemy_examples() {
        assert_eq!(camel_to_snake_case("OAuthToken"), "o_auth_token");
        assert_eq!(camel_to_snake_case("HTTPRequestLog"), "http_request_log");
        assert_eq!(camel_to_snake_case("UserProfile"), "user_profile");
        assert_eq!(camel_to_snake_case("User"), "user");
        assert_eq!(camel_to_snake_case("Fruit"), "fruit");
    }

    #[test]
    fn digits_and_underscores() {
        assert_eq!(camel_to_snake_case("Model2Thing"), "model2_thing");
        assert_eq!(camel_to_snake_case("_Private"), "private");
        assert_eq!(camel_to_snake_case("ABC"), "abc");
        assert_eq!(camel_to_snake_case("already_snake"), "already_snake");
    }
}
