package cn.govdata.catalog.department;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record RegisterDepartmentRequest(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]{1,31}", message = "must be 2-32 upper-case letters, digits or '-', starting with a letter")
        String code,
        @NotBlank @Size(max = 100) String name,
        @NotNull DepartmentLevel level,
        @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be a 6-digit administrative division code (GB/T 2260)")
        String region,
        @Pattern(regexp = "[A-Z][A-Z0-9-]{1,31}", message = "must be a department code") String parentCode,
        @NotNull @Valid DataOfficerRequest dataOfficer) {

    record DataOfficerRequest(
            @NotBlank @Size(max = 50) String realName,
            @NotBlank @Pattern(regexp = "[0-9+()\\- ]{5,20}", message = "must be a phone number") String phone,
            @Email String email) {
    }
}
