package cn.govdata.opendata.application;

import jakarta.validation.constraints.NotBlank;

record AcceptanceRequest(@NotBlank String agreementVersion, boolean accepted) {
}
