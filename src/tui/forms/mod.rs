//! The small forms that open over a screen (a person, a follow-up, a talking point, a pause,
//! an aspiration, an answer to an idea) and the carried-actions block of the Log form.

pub(crate) mod builders;
pub(crate) mod carried;
pub(crate) mod kind;
pub(crate) mod small_form;
