"""Typed resources of the Huhu API: ``huhu.tasks.generate(...)``, ``huhu.projects.list()``, ...

Generated from openapi.json (``x-huhu-resource``, ``x-huhu-method``) by huhu_ext.resourcegen as
part of ``python -m huhu_ext.regen``: do not edit. The classes run through the client that owns
them (:class:`huhu_ext.Huhu` / :class:`huhu_ext.AsyncHuhu`), which mixes in :class:`Resources` /
:class:`AsyncResources` (with the waiters ``wait_for_*``).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, cast

from huhu_ext.polling import wait_generation, wait_tasks, wait_upscale, wait_video

from .api.metering import get_credit_history, get_plan
from .api.models import (
    create_model,
    create_model_image,
    generate_face,
    generate_pose,
    get_generation_request,
    get_models,
)
from .api.poses import create_pose, get_poses, list_pose_library
from .api.programs import create_program, list_programs
from .api.projects import (
    complete_multipart_upload,
    create_project,
    get_projects,
    upload_project_file,
)
from .api.skus import get_skus, update_skus
from .api.tasks import create_tasks, generate_tasks, get_tasks, update_task
from .api.upscale import create_upscale, get_upscale
from .api.video import create_video, list_video_requests
from .models import (
    CompletedPart,
    CompleteMultipartUploadRequest,
    CreatedModel,
    CreatedPose,
    CreatedProgram,
    CreatedProject,
    CreateModelRequest,
    CreateModelRequestModelSize,
    CreateModelRequestModelType,
    CreatePoseRequest,
    CreateProgramRequest,
    CreateProjectRequest,
    CreateTasksRequest,
    CreateVideoRequest,
    CreateVideoRequestVideoLength,
    CreditHistoryItem,
    CreditHistoryPage,
    FirstFrameBase64,
    FirstFrameImageId,
    GenerateFaceRequest,
    GenerateFaceRequestMode,
    GenerateModelImageRequest,
    GeneratePoseRequest,
    GenerateTasksRequest,
    GenerationRequest,
    GenerationStatus,
    GetModelsAgeRange,
    GetModelsModelSize,
    GetModelsModelType,
    GetModelsSkinTone,
    ImageUploadResult,
    ListPoseLibraryModelCategory,
    ListPoseLibraryPromptType,
    Message,
    ModelAttributes,
    ModelImageList,
    ModelList,
    MultipartUploadInit,
    Plan,
    PoseDetail,
    PoseGenerationRequest,
    PoseLibrary,
    PoseList,
    Program,
    ProgramList,
    ProjectDetail,
    ProjectList,
    ProjectSummary,
    SavedModelImage,
    SaveModelImageRequest,
    Sku,
    SkuList,
    TaskDetail,
    TaskList,
    UpdateSkusRequest,
    UpdateTaskRequest,
    UploadRequest,
    UpscaleRequest,
    UpscaleStatus,
    UpscaleSubmitted,
    VideoRequest,
    VideoRequestList,
    VideoSubmitted,
)

if TYPE_CHECKING:
    from huhu_ext.client import AsyncHuhu, Huhu
    from huhu_ext.credits import CostItem
    from huhu_ext.pagination import AsyncListPaginator, ListPaginator
    from huhu_ext.polling import ProgressCallback


def _given(**kwargs: Any) -> dict[str, Any]:
    """The arguments given: None leaves a field out, so the server's default applies."""
    return {k: v for k, v in kwargs.items() if v is not None}


class _Resource:
    def __init__(self, client: Huhu) -> None:
        self._client = client


class _AsyncResource:
    def __init__(self, client: AsyncHuhu) -> None:
        self._client = client


class MeteringResource(_Resource):
    """``huhu.metering``."""

    def plan(self, *, program_id: str | None = None) -> Plan:
        """``GET /metering/plan``: Credits & plan."""
        return self._client._request(get_plan, _given(program_id=program_id), Plan)

    def credit_history(
        self,
        *,
        program_id: str | None = None,
        pagination_token: str | None = None,
        fetch_all: bool | None = None,
    ) -> ListPaginator[CreditHistoryPage, CreditHistoryItem]:
        """``GET /metering/credit-history``: Spending log. Iterates every CreditHistoryItem across pages (``.pages()`` for whole pages)."""
        return self._client._list(
            get_credit_history,
            _given(
                program_id=program_id,
                pagination_token=pagination_token,
                fetch_all=fetch_all,
            ),
            CreditHistoryPage,
            CreditHistoryItem,
        )


class ProgramsResource(_Resource):
    """``huhu.programs``."""

    def list(
        self, *, owned: bool | None = None, pagination_token: str | None = None
    ) -> ListPaginator[ProgramList, Program]:
        """``GET /program``: List programs. Iterates every Program across pages (``.pages()`` for whole pages)."""
        return self._client._list(
            list_programs,
            _given(owned=owned, pagination_token=pagination_token),
            ProgramList,
            Program,
        )

    def create(self, *, program_name: str) -> CreatedProgram:
        """``POST /program``: Create program."""
        return self._client._request(
            create_program,
            {},
            CreatedProgram,
            body=CreateProgramRequest(program_name=program_name),
        )


class ProjectsResource(_Resource):
    """``huhu.projects``."""

    def list(
        self, *, pagination_token: str | None = None, program_id: str | None = None
    ) -> ListPaginator[ProjectList, ProjectSummary]:
        """``GET /project``: List projects or get one. Iterates every ProjectSummary across pages (``.pages()`` for whole pages)."""
        return self._client._list(
            get_projects,
            _given(pagination_token=pagination_token, program_id=program_id),
            ProjectList,
            ProjectSummary,
        )

    def retrieve(
        self, project_id: str, *, program_id: str | None = None
    ) -> ProjectDetail:
        """``GET /project``: List projects or get one."""
        return self._client._request(
            get_projects,
            _given(project_id=project_id, program_id=program_id),
            ProjectDetail,
        )

    def create(
        self, *, project_name: str, program_id: str | None = None
    ) -> CreatedProject:
        """``POST /project``: Create project."""
        return self._client._request(
            create_project,
            {},
            CreatedProject,
            body=CreateProjectRequest(
                project_name=project_name, **_given(program_id=program_id)
            ),
        )

    def upload(
        self,
        *,
        project_id: str,
        file_type: Literal["garment_image", "model_image", "reference_image"],
        program_id: str | None = None,
        file_data: str | None = None,
        file_size: int | None = None,
        sku_name: str | None = None,
    ) -> ImageUploadResult:
        """``POST /project/upload``: Upload garment image or init zip."""
        return self._client._request(
            upload_project_file,
            {},
            ImageUploadResult,
            body=UploadRequest(
                project_id=project_id,
                file_type=file_type,
                **_given(
                    program_id=program_id,
                    file_data=file_data,
                    file_size=file_size,
                    sku_name=sku_name,
                ),
            ),
        )

    def start_multipart_upload(
        self,
        *,
        project_id: str,
        program_id: str | None = None,
        file_data: str | None = None,
        file_size: int | None = None,
        sku_name: str | None = None,
    ) -> MultipartUploadInit:
        """``POST /project/upload``: Upload garment image or init zip."""
        return self._client._request(
            upload_project_file,
            {},
            MultipartUploadInit,
            body=UploadRequest(
                project_id=project_id,
                file_type="sku_zip",
                **_given(
                    program_id=program_id,
                    file_data=file_data,
                    file_size=file_size,
                    sku_name=sku_name,
                ),
            ),
        )

    def complete_upload(
        self,
        *,
        project_id: str,
        key: str,
        upload_id: str,
        parts: builtins.list[CompletedPart],
        program_id: str | None = None,
    ) -> Message:
        """``POST /project/complete_multipart_upload``: Finalize zip upload."""
        return self._client._request(
            complete_multipart_upload,
            {},
            Message,
            body=CompleteMultipartUploadRequest(
                project_id=project_id,
                key=key,
                upload_id=upload_id,
                parts=parts,
                **_given(program_id=program_id),
            ),
        )


class ModelsGenerateFace(_Resource):
    """``POST /model/face``: Generate face. Billable (``x-huhu-credits``)."""

    def __call__(
        self,
        *,
        prompt: str,
        mode: GenerateFaceRequestMode | None = None,
        num_output_images: int | None = None,
        program_id: str | None = None,
        max_credits: int | None = None,
    ) -> GenerationRequest:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return self._client._request(
            generate_face,
            {},
            GenerationRequest,
            body=GenerateFaceRequest(
                prompt=prompt,
                **_given(
                    mode=mode,
                    num_output_images=num_output_images,
                    program_id=program_id,
                ),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self,
        *,
        prompt: str,
        mode: GenerateFaceRequestMode | None = None,
        num_output_images: int | None = None,
        program_id: str | None = None,
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            generate_face,
            GenerateFaceRequest(
                prompt=prompt,
                **_given(
                    mode=mode,
                    num_output_images=num_output_images,
                    program_id=program_id,
                ),
            ),
        )


class ModelsGenerateImage(_Resource):
    """``POST /model/image``: Generate or upload model image. Billable (``x-huhu-credits``)."""

    def __call__(
        self,
        *,
        prompt: str,
        reference_image: str | None = None,
        num_output_images: int | None = None,
        program_id: str | None = None,
        max_credits: int | None = None,
    ) -> GenerationRequest:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return self._client._request(
            create_model_image,
            {},
            GenerationRequest,
            body=GenerateModelImageRequest(
                prompt=prompt,
                **_given(
                    reference_image=reference_image,
                    num_output_images=num_output_images,
                    program_id=program_id,
                ),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self,
        *,
        prompt: str,
        reference_image: str | None = None,
        num_output_images: int | None = None,
        program_id: str | None = None,
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            create_model_image,
            GenerateModelImageRequest(
                prompt=prompt,
                **_given(
                    reference_image=reference_image,
                    num_output_images=num_output_images,
                    program_id=program_id,
                ),
            ),
        )


class ModelsGeneratePose(_Resource):
    """``POST /model/pose``: Generate with poses. Billable (``x-huhu-credits``)."""

    def __call__(
        self,
        *,
        prompt: str,
        reference_image: str,
        program_id: str | None = None,
        max_credits: int | None = None,
    ) -> PoseGenerationRequest:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return self._client._request(
            generate_pose,
            {},
            PoseGenerationRequest,
            body=GeneratePoseRequest(
                prompt=prompt,
                reference_image=reference_image,
                **_given(program_id=program_id),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self, *, prompt: str, reference_image: str, program_id: str | None = None
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            generate_pose,
            GeneratePoseRequest(
                prompt=prompt,
                reference_image=reference_image,
                **_given(program_id=program_id),
            ),
        )


class ModelsResource(_Resource):
    """``huhu.models``."""

    def create(
        self,
        *,
        model_name: str,
        model_type: CreateModelRequestModelType | None = None,
        model_size: CreateModelRequestModelSize | None = None,
        attributes: ModelAttributes | None = None,
        program_id: str | None = None,
    ) -> CreatedModel:
        """``POST /model``: Create model in gallery."""
        return self._client._request(
            create_model,
            {},
            CreatedModel,
            body=CreateModelRequest(
                model_name=model_name,
                **_given(
                    model_type=model_type,
                    model_size=model_size,
                    attributes=attributes,
                    program_id=program_id,
                ),
            ),
        )

    def list(
        self,
        *,
        model_type: GetModelsModelType | None = None,
        model_size: GetModelsModelSize | None = None,
        ethnicity: str | None = None,
        age_range: GetModelsAgeRange | None = None,
        hair_color: str | None = None,
        skin_tone: GetModelsSkinTone | None = None,
        program_id: str | None = None,
    ) -> ModelList:
        """``GET /model``: List models or a model's images."""
        return self._client._request(
            get_models,
            _given(
                model_type=model_type,
                model_size=model_size,
                ethnicity=ethnicity,
                age_range=age_range,
                hair_color=hair_color,
                skin_tone=skin_tone,
                program_id=program_id,
            ),
            ModelList,
        )

    def images(
        self,
        model_id: str,
        *,
        model_type: GetModelsModelType | None = None,
        model_size: GetModelsModelSize | None = None,
        ethnicity: str | None = None,
        age_range: GetModelsAgeRange | None = None,
        hair_color: str | None = None,
        skin_tone: GetModelsSkinTone | None = None,
        program_id: str | None = None,
    ) -> ModelImageList:
        """``GET /model``: List models or a model's images."""
        return self._client._request(
            get_models,
            _given(
                model_id=model_id,
                model_type=model_type,
                model_size=model_size,
                ethnicity=ethnicity,
                age_range=age_range,
                hair_color=hair_color,
                skin_tone=skin_tone,
                program_id=program_id,
            ),
            ModelImageList,
        )

    @cached_property
    def generate_face(self) -> ModelsGenerateFace:
        """``POST /model/face``: Generate face. Call it to send; ``.estimate(...)`` prices it without sending."""
        return ModelsGenerateFace(self._client)

    @cached_property
    def generate_image(self) -> ModelsGenerateImage:
        """``POST /model/image``: Generate or upload model image. Call it to send; ``.estimate(...)`` prices it without sending."""
        return ModelsGenerateImage(self._client)

    def save_image(
        self,
        *,
        model_id: str,
        style_id: str,
        image_url: str | None = None,
        file_data: str | None = None,
        program_id: str | None = None,
    ) -> SavedModelImage:
        """``POST /model/image``: Generate or upload model image."""
        return self._client._request(
            create_model_image,
            {},
            SavedModelImage,
            body=SaveModelImageRequest(
                model_id=model_id,
                style_id=style_id,
                **_given(
                    image_url=image_url, file_data=file_data, program_id=program_id
                ),
            ),
        )

    def retrieve_generation(
        self, request_id: str, *, program_id: str | None = None
    ) -> GenerationStatus:
        """``GET /model/image``: Poll generation status."""
        return self._client._request(
            get_generation_request,
            _given(request_id=request_id, program_id=program_id),
            GenerationStatus,
        )

    @cached_property
    def generate_pose(self) -> ModelsGeneratePose:
        """``POST /model/pose``: Generate with poses. Call it to send; ``.estimate(...)`` prices it without sending."""
        return ModelsGeneratePose(self._client)

    def wait_generation(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> GenerationStatus:
        """``wait_for_generation``: poll until done (one GET per interval, an overall deadline)."""
        return self._client.wait_for_generation(
            request_id,
            **_given(
                program_id=program_id,
                interval=interval,
                timeout=timeout,
                on_progress=on_progress,
            ),
        )


class PosesCreate(_Resource):
    """``POST /pose``: Create pose from reference image. Billable (``x-huhu-credits``)."""

    def __call__(
        self,
        *,
        reference_image: str,
        pose_title: str,
        program_id: str | None = None,
        max_credits: int | None = None,
    ) -> CreatedPose:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return self._client._request(
            create_pose,
            {},
            CreatedPose,
            body=CreatePoseRequest(
                reference_image=reference_image,
                pose_title=pose_title,
                **_given(program_id=program_id),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self, *, reference_image: str, pose_title: str, program_id: str | None = None
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            create_pose,
            CreatePoseRequest(
                reference_image=reference_image,
                pose_title=pose_title,
                **_given(program_id=program_id),
            ),
        )


class PosesResource(_Resource):
    """``huhu.poses``."""

    def library(
        self,
        *,
        model_category: ListPoseLibraryModelCategory | None = None,
        prompt_type: ListPoseLibraryPromptType | None = None,
    ) -> PoseLibrary:
        """``GET /pose/library``: Browse preset poses."""
        return self._client._request(
            list_pose_library,
            _given(model_category=model_category, prompt_type=prompt_type),
            PoseLibrary,
        )

    def list(self, *, program_id: str | None = None) -> PoseList:
        """``GET /pose``: List custom poses or get one."""
        return self._client._request(get_poses, _given(program_id=program_id), PoseList)

    def retrieve(self, pose_id: str, *, program_id: str | None = None) -> PoseDetail:
        """``GET /pose``: List custom poses or get one."""
        return self._client._request(
            get_poses, _given(pose_id=pose_id, program_id=program_id), PoseDetail
        )

    @cached_property
    def create(self) -> PosesCreate:
        """``POST /pose``: Create pose from reference image. Call it to send; ``.estimate(...)`` prices it without sending."""
        return PosesCreate(self._client)


class SkusResource(_Resource):
    """``huhu.skus``."""

    def list(
        self,
        project_id: str,
        *,
        pagination_token: str | None = None,
        program_id: str | None = None,
    ) -> ListPaginator[SkuList, Sku]:
        """``GET /sku``: List SKUs or get one. Iterates every Sku across pages (``.pages()`` for whole pages)."""
        return self._client._list(
            get_skus,
            _given(
                project_id=project_id,
                pagination_token=pagination_token,
                program_id=program_id,
            ),
            SkuList,
            Sku,
        )

    def retrieve(
        self, project_id: str, sku_id: str, *, program_id: str | None = None
    ) -> SkuList:
        """``GET /sku``: List SKUs or get one."""
        return self._client._request(
            get_skus,
            _given(project_id=project_id, sku_id=sku_id, program_id=program_id),
            SkuList,
        )

    def update(
        self,
        *,
        sku_ids: builtins.list[str],
        model_id: str | None = None,
        style_id: str | None = None,
        garment_type: str | None = None,
        project_id: str | None = None,
        program_id: str | None = None,
    ) -> Message:
        """``PUT /sku``: Update SKUs."""
        return self._client._request(
            update_skus,
            {},
            Message,
            body=UpdateSkusRequest(
                sku_ids=sku_ids,
                **_given(
                    model_id=model_id,
                    style_id=style_id,
                    garment_type=garment_type,
                    project_id=project_id,
                    program_id=program_id,
                ),
            ),
        )


class TasksGenerate(_Resource):
    """``POST /task/generate``: Try-on generation. Billable (``x-huhu-credits``)."""

    def __call__(
        self,
        *,
        project_id: str,
        task_ids: builtins.list[str],
        program_id: str | None = None,
        num_output_images: int | None = None,
        prompt: str | None = None,
        max_credits: int | None = None,
    ) -> Message:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return self._client._request(
            generate_tasks,
            {},
            Message,
            body=GenerateTasksRequest(
                project_id=project_id,
                task_ids=task_ids,
                **_given(
                    program_id=program_id,
                    num_output_images=num_output_images,
                    prompt=prompt,
                ),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self,
        *,
        project_id: str,
        task_ids: builtins.list[str],
        program_id: str | None = None,
        num_output_images: int | None = None,
        prompt: str | None = None,
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            generate_tasks,
            GenerateTasksRequest(
                project_id=project_id,
                task_ids=task_ids,
                **_given(
                    program_id=program_id,
                    num_output_images=num_output_images,
                    prompt=prompt,
                ),
            ),
        )


class TasksResource(_Resource):
    """``huhu.tasks``."""

    def create(
        self,
        *,
        project_id: str,
        sku_ids: builtins.list[str],
        program_id: str | None = None,
    ) -> Message:
        """``POST /task``: Create tasks for SKUs."""
        return self._client._request(
            create_tasks,
            {},
            Message,
            body=CreateTasksRequest(
                project_id=project_id, sku_ids=sku_ids, **_given(program_id=program_id)
            ),
        )

    def update(
        self,
        *,
        project_id: str,
        task_id: str,
        sku_id: str,
        program_id: str | None = None,
        model_id: str | None = None,
        model_image: str | None = None,
    ) -> Message:
        """``PUT /task``: Set model image on task."""
        return self._client._request(
            update_task,
            {},
            Message,
            body=UpdateTaskRequest(
                project_id=project_id,
                task_id=task_id,
                sku_id=sku_id,
                **_given(
                    program_id=program_id, model_id=model_id, model_image=model_image
                ),
            ),
        )

    def list(
        self,
        *,
        project_id: str | None = None,
        sku_id: str | None = None,
        program_id: str | None = None,
    ) -> TaskList:
        """``GET /task``: List tasks or get one."""
        return self._client._request(
            get_tasks,
            _given(project_id=project_id, sku_id=sku_id, program_id=program_id),
            TaskList,
        )

    def retrieve(
        self,
        task_id: str,
        *,
        project_id: str | None = None,
        sku_id: str | None = None,
        program_id: str | None = None,
    ) -> TaskDetail:
        """``GET /task``: List tasks or get one."""
        return self._client._request(
            get_tasks,
            _given(
                project_id=project_id,
                sku_id=sku_id,
                task_id=task_id,
                program_id=program_id,
            ),
            TaskDetail,
        )

    @cached_property
    def generate(self) -> TasksGenerate:
        """``POST /task/generate``: Try-on generation. Call it to send; ``.estimate(...)`` prices it without sending."""
        return TasksGenerate(self._client)

    def wait(
        self,
        task_ids: Iterable[str],
        *,
        project_id: str | None = None,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> builtins.dict[str, TaskDetail]:
        """``wait_for_tasks``: poll until done (one GET per interval, an overall deadline)."""
        return self._client.wait_for_tasks(
            task_ids,
            **_given(
                project_id=project_id,
                program_id=program_id,
                interval=interval,
                timeout=timeout,
                on_progress=on_progress,
            ),
        )


class VideoCreate(_Resource):
    """``POST /video``: Create video. Billable (``x-huhu-credits``)."""

    def __call__(
        self,
        *,
        project_id: str,
        sku_id: str,
        video_length: CreateVideoRequestVideoLength,
        prompt: str,
        first_frame_image: FirstFrameBase64 | FirstFrameImageId,
        program_id: str | None = None,
        source_task_id: str | None = None,
        max_credits: int | None = None,
    ) -> VideoSubmitted:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return self._client._request(
            create_video,
            {},
            VideoSubmitted,
            body=CreateVideoRequest(
                project_id=project_id,
                sku_id=sku_id,
                video_length=video_length,
                prompt=prompt,
                first_frame_image=first_frame_image,
                **_given(program_id=program_id, source_task_id=source_task_id),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self,
        *,
        project_id: str,
        sku_id: str,
        video_length: CreateVideoRequestVideoLength,
        prompt: str,
        first_frame_image: FirstFrameBase64 | FirstFrameImageId,
        program_id: str | None = None,
        source_task_id: str | None = None,
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            create_video,
            CreateVideoRequest(
                project_id=project_id,
                sku_id=sku_id,
                video_length=video_length,
                prompt=prompt,
                first_frame_image=first_frame_image,
                **_given(program_id=program_id, source_task_id=source_task_id),
            ),
        )


class VideoResource(_Resource):
    """``huhu.video``."""

    @cached_property
    def create(self) -> VideoCreate:
        """``POST /video``: Create video. Call it to send; ``.estimate(...)`` prices it without sending."""
        return VideoCreate(self._client)

    def list(
        self,
        *,
        program_id: str | None = None,
        limit: int | None = None,
        pagination_token: str | None = None,
    ) -> ListPaginator[VideoRequestList, VideoRequest]:
        """``GET /video/requests``: Poll video status. Iterates every VideoRequest across pages (``.pages()`` for whole pages)."""
        return self._client._list(
            list_video_requests,
            _given(
                program_id=program_id, limit=limit, pagination_token=pagination_token
            ),
            VideoRequestList,
            VideoRequest,
        )

    def wait(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> VideoRequest:
        """``wait_for_video``: poll until done (one GET per interval, an overall deadline)."""
        return self._client.wait_for_video(
            request_id,
            **_given(
                program_id=program_id,
                interval=interval,
                timeout=timeout,
                on_progress=on_progress,
            ),
        )


class UpscaleCreate(_Resource):
    """``POST /upscale``: Upscale image. Billable (``x-huhu-credits``)."""

    def __call__(
        self,
        *,
        image: str,
        upscale_factor: float | None = None,
        num_images: int | None = None,
        program_id: str | None = None,
        max_credits: int | None = None,
    ) -> UpscaleSubmitted:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return self._client._request(
            create_upscale,
            {},
            UpscaleSubmitted,
            body=UpscaleRequest(
                image=image,
                **_given(
                    upscale_factor=upscale_factor,
                    num_images=num_images,
                    program_id=program_id,
                ),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self,
        *,
        image: str,
        upscale_factor: float | None = None,
        num_images: int | None = None,
        program_id: str | None = None,
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            create_upscale,
            UpscaleRequest(
                image=image,
                **_given(
                    upscale_factor=upscale_factor,
                    num_images=num_images,
                    program_id=program_id,
                ),
            ),
        )


class UpscaleResource(_Resource):
    """``huhu.upscale``."""

    @cached_property
    def create(self) -> UpscaleCreate:
        """``POST /upscale``: Upscale image. Call it to send; ``.estimate(...)`` prices it without sending."""
        return UpscaleCreate(self._client)

    def retrieve(
        self, request_id: str, *, program_id: str | None = None
    ) -> UpscaleStatus:
        """``GET /upscale``: Poll upscale status."""
        return self._client._request(
            get_upscale,
            _given(request_id=request_id, program_id=program_id),
            UpscaleStatus,
        )

    def wait(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> UpscaleStatus:
        """``wait_for_upscale``: poll until done (one GET per interval, an overall deadline)."""
        return self._client.wait_for_upscale(
            request_id,
            **_given(
                program_id=program_id,
                interval=interval,
                timeout=timeout,
                on_progress=on_progress,
            ),
        )


class _Waiters:
    """The waiters of :class:`huhu_ext.Huhu`: :mod:`huhu_ext.polling`'s, run by the client."""

    def wait_for_tasks(
        self,
        task_ids: Iterable[str],
        *,
        project_id: str | None = None,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float = 1800.0,
        on_progress: ProgressCallback | None = None,
    ) -> dict[str, TaskDetail]:
        """Poll ``GET /task`` (one request per interval for all of them) until every task finished;
        return each one's detail with its outputs: ``{task_id: TaskDetail}`` in the order given. If some
        tasks end in ``Generation failed``, waits for the rest, then raises :class:`JobFailedError` whose
        ``results`` hold the details of the ones that succeeded.

        A detail needs the task's project_id and sku_id. The mock's list carries both on each SKU entry
        (optional in the spec, D-REQUIRED); when the live API omits ``sku_id``, it is looked up by SKU
        name in ``GET /sku?project_id=`` (which needs a project id: the entry's or ``project_id``)."""
        client = cast("Huhu", self)
        options = client._wait_options(interval, timeout, on_progress)
        return client._run(
            wait_tasks(
                task_ids, project_id=project_id, program_id=program_id, **options
            )
        )

    def wait_for_generation(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float = 600.0,
        on_progress: ProgressCallback | None = None,
    ) -> GenerationStatus:
        """Poll ``GET /model/image?request_id=`` until ``Generation Completed`` (face / image / pose)."""
        client = cast("Huhu", self)
        options = client._wait_options(interval, timeout, on_progress)
        return client._run(
            wait_generation(request_id, program_id=program_id, **options)
        )

    def wait_for_upscale(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float = 600.0,
        on_progress: ProgressCallback | None = None,
    ) -> UpscaleStatus:
        """Poll ``GET /upscale?request_id=`` until ``success``."""
        client = cast("Huhu", self)
        options = client._wait_options(interval, timeout, on_progress)
        return client._run(wait_upscale(request_id, program_id=program_id, **options))

    def wait_for_video(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float = 1800.0,
        on_progress: ProgressCallback | None = None,
    ) -> VideoRequest:
        """Look the request up in ``GET /video/requests`` (all pages) until ``Generation completed``."""
        client = cast("Huhu", self)
        options = client._wait_options(interval, timeout, on_progress)
        return client._run(wait_video(request_id, program_id=program_id, **options))


class Resources(_Waiters):
    """The resources of :class:`huhu_ext.Huhu` (a mixin), and its waiters."""

    @cached_property
    def metering(self) -> MeteringResource:
        return MeteringResource(cast("Huhu", self))

    @cached_property
    def programs(self) -> ProgramsResource:
        return ProgramsResource(cast("Huhu", self))

    @cached_property
    def projects(self) -> ProjectsResource:
        return ProjectsResource(cast("Huhu", self))

    @cached_property
    def models(self) -> ModelsResource:
        return ModelsResource(cast("Huhu", self))

    @cached_property
    def poses(self) -> PosesResource:
        return PosesResource(cast("Huhu", self))

    @cached_property
    def skus(self) -> SkusResource:
        return SkusResource(cast("Huhu", self))

    @cached_property
    def tasks(self) -> TasksResource:
        return TasksResource(cast("Huhu", self))

    @cached_property
    def video(self) -> VideoResource:
        return VideoResource(cast("Huhu", self))

    @cached_property
    def upscale(self) -> UpscaleResource:
        return UpscaleResource(cast("Huhu", self))


class AsyncMeteringResource(_AsyncResource):
    """``huhu.metering``."""

    async def plan(self, *, program_id: str | None = None) -> Plan:
        """``GET /metering/plan``: Credits & plan."""
        return await self._client._request(
            get_plan, _given(program_id=program_id), Plan
        )

    def credit_history(
        self,
        *,
        program_id: str | None = None,
        pagination_token: str | None = None,
        fetch_all: bool | None = None,
    ) -> AsyncListPaginator[CreditHistoryPage, CreditHistoryItem]:
        """``GET /metering/credit-history``: Spending log. Iterates every CreditHistoryItem across pages (``.pages()`` for whole pages)."""
        return self._client._list(
            get_credit_history,
            _given(
                program_id=program_id,
                pagination_token=pagination_token,
                fetch_all=fetch_all,
            ),
            CreditHistoryPage,
            CreditHistoryItem,
        )


class AsyncProgramsResource(_AsyncResource):
    """``huhu.programs``."""

    def list(
        self, *, owned: bool | None = None, pagination_token: str | None = None
    ) -> AsyncListPaginator[ProgramList, Program]:
        """``GET /program``: List programs. Iterates every Program across pages (``.pages()`` for whole pages)."""
        return self._client._list(
            list_programs,
            _given(owned=owned, pagination_token=pagination_token),
            ProgramList,
            Program,
        )

    async def create(self, *, program_name: str) -> CreatedProgram:
        """``POST /program``: Create program."""
        return await self._client._request(
            create_program,
            {},
            CreatedProgram,
            body=CreateProgramRequest(program_name=program_name),
        )


class AsyncProjectsResource(_AsyncResource):
    """``huhu.projects``."""

    def list(
        self, *, pagination_token: str | None = None, program_id: str | None = None
    ) -> AsyncListPaginator[ProjectList, ProjectSummary]:
        """``GET /project``: List projects or get one. Iterates every ProjectSummary across pages (``.pages()`` for whole pages)."""
        return self._client._list(
            get_projects,
            _given(pagination_token=pagination_token, program_id=program_id),
            ProjectList,
            ProjectSummary,
        )

    async def retrieve(
        self, project_id: str, *, program_id: str | None = None
    ) -> ProjectDetail:
        """``GET /project``: List projects or get one."""
        return await self._client._request(
            get_projects,
            _given(project_id=project_id, program_id=program_id),
            ProjectDetail,
        )

    async def create(
        self, *, project_name: str, program_id: str | None = None
    ) -> CreatedProject:
        """``POST /project``: Create project."""
        return await self._client._request(
            create_project,
            {},
            CreatedProject,
            body=CreateProjectRequest(
                project_name=project_name, **_given(program_id=program_id)
            ),
        )

    async def upload(
        self,
        *,
        project_id: str,
        file_type: Literal["garment_image", "model_image", "reference_image"],
        program_id: str | None = None,
        file_data: str | None = None,
        file_size: int | None = None,
        sku_name: str | None = None,
    ) -> ImageUploadResult:
        """``POST /project/upload``: Upload garment image or init zip."""
        return await self._client._request(
            upload_project_file,
            {},
            ImageUploadResult,
            body=UploadRequest(
                project_id=project_id,
                file_type=file_type,
                **_given(
                    program_id=program_id,
                    file_data=file_data,
                    file_size=file_size,
                    sku_name=sku_name,
                ),
            ),
        )

    async def start_multipart_upload(
        self,
        *,
        project_id: str,
        program_id: str | None = None,
        file_data: str | None = None,
        file_size: int | None = None,
        sku_name: str | None = None,
    ) -> MultipartUploadInit:
        """``POST /project/upload``: Upload garment image or init zip."""
        return await self._client._request(
            upload_project_file,
            {},
            MultipartUploadInit,
            body=UploadRequest(
                project_id=project_id,
                file_type="sku_zip",
                **_given(
                    program_id=program_id,
                    file_data=file_data,
                    file_size=file_size,
                    sku_name=sku_name,
                ),
            ),
        )

    async def complete_upload(
        self,
        *,
        project_id: str,
        key: str,
        upload_id: str,
        parts: builtins.list[CompletedPart],
        program_id: str | None = None,
    ) -> Message:
        """``POST /project/complete_multipart_upload``: Finalize zip upload."""
        return await self._client._request(
            complete_multipart_upload,
            {},
            Message,
            body=CompleteMultipartUploadRequest(
                project_id=project_id,
                key=key,
                upload_id=upload_id,
                parts=parts,
                **_given(program_id=program_id),
            ),
        )


class AsyncModelsGenerateFace(_AsyncResource):
    """``POST /model/face``: Generate face. Billable (``x-huhu-credits``)."""

    async def __call__(
        self,
        *,
        prompt: str,
        mode: GenerateFaceRequestMode | None = None,
        num_output_images: int | None = None,
        program_id: str | None = None,
        max_credits: int | None = None,
    ) -> GenerationRequest:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return await self._client._request(
            generate_face,
            {},
            GenerationRequest,
            body=GenerateFaceRequest(
                prompt=prompt,
                **_given(
                    mode=mode,
                    num_output_images=num_output_images,
                    program_id=program_id,
                ),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self,
        *,
        prompt: str,
        mode: GenerateFaceRequestMode | None = None,
        num_output_images: int | None = None,
        program_id: str | None = None,
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            generate_face,
            GenerateFaceRequest(
                prompt=prompt,
                **_given(
                    mode=mode,
                    num_output_images=num_output_images,
                    program_id=program_id,
                ),
            ),
        )


class AsyncModelsGenerateImage(_AsyncResource):
    """``POST /model/image``: Generate or upload model image. Billable (``x-huhu-credits``)."""

    async def __call__(
        self,
        *,
        prompt: str,
        reference_image: str | None = None,
        num_output_images: int | None = None,
        program_id: str | None = None,
        max_credits: int | None = None,
    ) -> GenerationRequest:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return await self._client._request(
            create_model_image,
            {},
            GenerationRequest,
            body=GenerateModelImageRequest(
                prompt=prompt,
                **_given(
                    reference_image=reference_image,
                    num_output_images=num_output_images,
                    program_id=program_id,
                ),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self,
        *,
        prompt: str,
        reference_image: str | None = None,
        num_output_images: int | None = None,
        program_id: str | None = None,
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            create_model_image,
            GenerateModelImageRequest(
                prompt=prompt,
                **_given(
                    reference_image=reference_image,
                    num_output_images=num_output_images,
                    program_id=program_id,
                ),
            ),
        )


class AsyncModelsGeneratePose(_AsyncResource):
    """``POST /model/pose``: Generate with poses. Billable (``x-huhu-credits``)."""

    async def __call__(
        self,
        *,
        prompt: str,
        reference_image: str,
        program_id: str | None = None,
        max_credits: int | None = None,
    ) -> PoseGenerationRequest:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return await self._client._request(
            generate_pose,
            {},
            PoseGenerationRequest,
            body=GeneratePoseRequest(
                prompt=prompt,
                reference_image=reference_image,
                **_given(program_id=program_id),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self, *, prompt: str, reference_image: str, program_id: str | None = None
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            generate_pose,
            GeneratePoseRequest(
                prompt=prompt,
                reference_image=reference_image,
                **_given(program_id=program_id),
            ),
        )


class AsyncModelsResource(_AsyncResource):
    """``huhu.models``."""

    async def create(
        self,
        *,
        model_name: str,
        model_type: CreateModelRequestModelType | None = None,
        model_size: CreateModelRequestModelSize | None = None,
        attributes: ModelAttributes | None = None,
        program_id: str | None = None,
    ) -> CreatedModel:
        """``POST /model``: Create model in gallery."""
        return await self._client._request(
            create_model,
            {},
            CreatedModel,
            body=CreateModelRequest(
                model_name=model_name,
                **_given(
                    model_type=model_type,
                    model_size=model_size,
                    attributes=attributes,
                    program_id=program_id,
                ),
            ),
        )

    async def list(
        self,
        *,
        model_type: GetModelsModelType | None = None,
        model_size: GetModelsModelSize | None = None,
        ethnicity: str | None = None,
        age_range: GetModelsAgeRange | None = None,
        hair_color: str | None = None,
        skin_tone: GetModelsSkinTone | None = None,
        program_id: str | None = None,
    ) -> ModelList:
        """``GET /model``: List models or a model's images."""
        return await self._client._request(
            get_models,
            _given(
                model_type=model_type,
                model_size=model_size,
                ethnicity=ethnicity,
                age_range=age_range,
                hair_color=hair_color,
                skin_tone=skin_tone,
                program_id=program_id,
            ),
            ModelList,
        )

    async def images(
        self,
        model_id: str,
        *,
        model_type: GetModelsModelType | None = None,
        model_size: GetModelsModelSize | None = None,
        ethnicity: str | None = None,
        age_range: GetModelsAgeRange | None = None,
        hair_color: str | None = None,
        skin_tone: GetModelsSkinTone | None = None,
        program_id: str | None = None,
    ) -> ModelImageList:
        """``GET /model``: List models or a model's images."""
        return await self._client._request(
            get_models,
            _given(
                model_id=model_id,
                model_type=model_type,
                model_size=model_size,
                ethnicity=ethnicity,
                age_range=age_range,
                hair_color=hair_color,
                skin_tone=skin_tone,
                program_id=program_id,
            ),
            ModelImageList,
        )

    @cached_property
    def generate_face(self) -> AsyncModelsGenerateFace:
        """``POST /model/face``: Generate face. Call it to send; ``.estimate(...)`` prices it without sending."""
        return AsyncModelsGenerateFace(self._client)

    @cached_property
    def generate_image(self) -> AsyncModelsGenerateImage:
        """``POST /model/image``: Generate or upload model image. Call it to send; ``.estimate(...)`` prices it without sending."""
        return AsyncModelsGenerateImage(self._client)

    async def save_image(
        self,
        *,
        model_id: str,
        style_id: str,
        image_url: str | None = None,
        file_data: str | None = None,
        program_id: str | None = None,
    ) -> SavedModelImage:
        """``POST /model/image``: Generate or upload model image."""
        return await self._client._request(
            create_model_image,
            {},
            SavedModelImage,
            body=SaveModelImageRequest(
                model_id=model_id,
                style_id=style_id,
                **_given(
                    image_url=image_url, file_data=file_data, program_id=program_id
                ),
            ),
        )

    async def retrieve_generation(
        self, request_id: str, *, program_id: str | None = None
    ) -> GenerationStatus:
        """``GET /model/image``: Poll generation status."""
        return await self._client._request(
            get_generation_request,
            _given(request_id=request_id, program_id=program_id),
            GenerationStatus,
        )

    @cached_property
    def generate_pose(self) -> AsyncModelsGeneratePose:
        """``POST /model/pose``: Generate with poses. Call it to send; ``.estimate(...)`` prices it without sending."""
        return AsyncModelsGeneratePose(self._client)

    async def wait_generation(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> GenerationStatus:
        """``wait_for_generation``: poll until done (one GET per interval, an overall deadline)."""
        return await self._client.wait_for_generation(
            request_id,
            **_given(
                program_id=program_id,
                interval=interval,
                timeout=timeout,
                on_progress=on_progress,
            ),
        )


class AsyncPosesCreate(_AsyncResource):
    """``POST /pose``: Create pose from reference image. Billable (``x-huhu-credits``)."""

    async def __call__(
        self,
        *,
        reference_image: str,
        pose_title: str,
        program_id: str | None = None,
        max_credits: int | None = None,
    ) -> CreatedPose:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return await self._client._request(
            create_pose,
            {},
            CreatedPose,
            body=CreatePoseRequest(
                reference_image=reference_image,
                pose_title=pose_title,
                **_given(program_id=program_id),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self, *, reference_image: str, pose_title: str, program_id: str | None = None
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            create_pose,
            CreatePoseRequest(
                reference_image=reference_image,
                pose_title=pose_title,
                **_given(program_id=program_id),
            ),
        )


class AsyncPosesResource(_AsyncResource):
    """``huhu.poses``."""

    async def library(
        self,
        *,
        model_category: ListPoseLibraryModelCategory | None = None,
        prompt_type: ListPoseLibraryPromptType | None = None,
    ) -> PoseLibrary:
        """``GET /pose/library``: Browse preset poses."""
        return await self._client._request(
            list_pose_library,
            _given(model_category=model_category, prompt_type=prompt_type),
            PoseLibrary,
        )

    async def list(self, *, program_id: str | None = None) -> PoseList:
        """``GET /pose``: List custom poses or get one."""
        return await self._client._request(
            get_poses, _given(program_id=program_id), PoseList
        )

    async def retrieve(
        self, pose_id: str, *, program_id: str | None = None
    ) -> PoseDetail:
        """``GET /pose``: List custom poses or get one."""
        return await self._client._request(
            get_poses, _given(pose_id=pose_id, program_id=program_id), PoseDetail
        )

    @cached_property
    def create(self) -> AsyncPosesCreate:
        """``POST /pose``: Create pose from reference image. Call it to send; ``.estimate(...)`` prices it without sending."""
        return AsyncPosesCreate(self._client)


class AsyncSkusResource(_AsyncResource):
    """``huhu.skus``."""

    def list(
        self,
        project_id: str,
        *,
        pagination_token: str | None = None,
        program_id: str | None = None,
    ) -> AsyncListPaginator[SkuList, Sku]:
        """``GET /sku``: List SKUs or get one. Iterates every Sku across pages (``.pages()`` for whole pages)."""
        return self._client._list(
            get_skus,
            _given(
                project_id=project_id,
                pagination_token=pagination_token,
                program_id=program_id,
            ),
            SkuList,
            Sku,
        )

    async def retrieve(
        self, project_id: str, sku_id: str, *, program_id: str | None = None
    ) -> SkuList:
        """``GET /sku``: List SKUs or get one."""
        return await self._client._request(
            get_skus,
            _given(project_id=project_id, sku_id=sku_id, program_id=program_id),
            SkuList,
        )

    async def update(
        self,
        *,
        sku_ids: builtins.list[str],
        model_id: str | None = None,
        style_id: str | None = None,
        garment_type: str | None = None,
        project_id: str | None = None,
        program_id: str | None = None,
    ) -> Message:
        """``PUT /sku``: Update SKUs."""
        return await self._client._request(
            update_skus,
            {},
            Message,
            body=UpdateSkusRequest(
                sku_ids=sku_ids,
                **_given(
                    model_id=model_id,
                    style_id=style_id,
                    garment_type=garment_type,
                    project_id=project_id,
                    program_id=program_id,
                ),
            ),
        )


class AsyncTasksGenerate(_AsyncResource):
    """``POST /task/generate``: Try-on generation. Billable (``x-huhu-credits``)."""

    async def __call__(
        self,
        *,
        project_id: str,
        task_ids: builtins.list[str],
        program_id: str | None = None,
        num_output_images: int | None = None,
        prompt: str | None = None,
        max_credits: int | None = None,
    ) -> Message:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return await self._client._request(
            generate_tasks,
            {},
            Message,
            body=GenerateTasksRequest(
                project_id=project_id,
                task_ids=task_ids,
                **_given(
                    program_id=program_id,
                    num_output_images=num_output_images,
                    prompt=prompt,
                ),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self,
        *,
        project_id: str,
        task_ids: builtins.list[str],
        program_id: str | None = None,
        num_output_images: int | None = None,
        prompt: str | None = None,
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            generate_tasks,
            GenerateTasksRequest(
                project_id=project_id,
                task_ids=task_ids,
                **_given(
                    program_id=program_id,
                    num_output_images=num_output_images,
                    prompt=prompt,
                ),
            ),
        )


class AsyncTasksResource(_AsyncResource):
    """``huhu.tasks``."""

    async def create(
        self,
        *,
        project_id: str,
        sku_ids: builtins.list[str],
        program_id: str | None = None,
    ) -> Message:
        """``POST /task``: Create tasks for SKUs."""
        return await self._client._request(
            create_tasks,
            {},
            Message,
            body=CreateTasksRequest(
                project_id=project_id, sku_ids=sku_ids, **_given(program_id=program_id)
            ),
        )

    async def update(
        self,
        *,
        project_id: str,
        task_id: str,
        sku_id: str,
        program_id: str | None = None,
        model_id: str | None = None,
        model_image: str | None = None,
    ) -> Message:
        """``PUT /task``: Set model image on task."""
        return await self._client._request(
            update_task,
            {},
            Message,
            body=UpdateTaskRequest(
                project_id=project_id,
                task_id=task_id,
                sku_id=sku_id,
                **_given(
                    program_id=program_id, model_id=model_id, model_image=model_image
                ),
            ),
        )

    async def list(
        self,
        *,
        project_id: str | None = None,
        sku_id: str | None = None,
        program_id: str | None = None,
    ) -> TaskList:
        """``GET /task``: List tasks or get one."""
        return await self._client._request(
            get_tasks,
            _given(project_id=project_id, sku_id=sku_id, program_id=program_id),
            TaskList,
        )

    async def retrieve(
        self,
        task_id: str,
        *,
        project_id: str | None = None,
        sku_id: str | None = None,
        program_id: str | None = None,
    ) -> TaskDetail:
        """``GET /task``: List tasks or get one."""
        return await self._client._request(
            get_tasks,
            _given(
                project_id=project_id,
                sku_id=sku_id,
                task_id=task_id,
                program_id=program_id,
            ),
            TaskDetail,
        )

    @cached_property
    def generate(self) -> AsyncTasksGenerate:
        """``POST /task/generate``: Try-on generation. Call it to send; ``.estimate(...)`` prices it without sending."""
        return AsyncTasksGenerate(self._client)

    async def wait(
        self,
        task_ids: Iterable[str],
        *,
        project_id: str | None = None,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> builtins.dict[str, TaskDetail]:
        """``wait_for_tasks``: poll until done (one GET per interval, an overall deadline)."""
        return await self._client.wait_for_tasks(
            task_ids,
            **_given(
                project_id=project_id,
                program_id=program_id,
                interval=interval,
                timeout=timeout,
                on_progress=on_progress,
            ),
        )


class AsyncVideoCreate(_AsyncResource):
    """``POST /video``: Create video. Billable (``x-huhu-credits``)."""

    async def __call__(
        self,
        *,
        project_id: str,
        sku_id: str,
        video_length: CreateVideoRequestVideoLength,
        prompt: str,
        first_frame_image: FirstFrameBase64 | FirstFrameImageId,
        program_id: str | None = None,
        source_task_id: str | None = None,
        max_credits: int | None = None,
    ) -> VideoSubmitted:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return await self._client._request(
            create_video,
            {},
            VideoSubmitted,
            body=CreateVideoRequest(
                project_id=project_id,
                sku_id=sku_id,
                video_length=video_length,
                prompt=prompt,
                first_frame_image=first_frame_image,
                **_given(program_id=program_id, source_task_id=source_task_id),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self,
        *,
        project_id: str,
        sku_id: str,
        video_length: CreateVideoRequestVideoLength,
        prompt: str,
        first_frame_image: FirstFrameBase64 | FirstFrameImageId,
        program_id: str | None = None,
        source_task_id: str | None = None,
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            create_video,
            CreateVideoRequest(
                project_id=project_id,
                sku_id=sku_id,
                video_length=video_length,
                prompt=prompt,
                first_frame_image=first_frame_image,
                **_given(program_id=program_id, source_task_id=source_task_id),
            ),
        )


class AsyncVideoResource(_AsyncResource):
    """``huhu.video``."""

    @cached_property
    def create(self) -> AsyncVideoCreate:
        """``POST /video``: Create video. Call it to send; ``.estimate(...)`` prices it without sending."""
        return AsyncVideoCreate(self._client)

    def list(
        self,
        *,
        program_id: str | None = None,
        limit: int | None = None,
        pagination_token: str | None = None,
    ) -> AsyncListPaginator[VideoRequestList, VideoRequest]:
        """``GET /video/requests``: Poll video status. Iterates every VideoRequest across pages (``.pages()`` for whole pages)."""
        return self._client._list(
            list_video_requests,
            _given(
                program_id=program_id, limit=limit, pagination_token=pagination_token
            ),
            VideoRequestList,
            VideoRequest,
        )

    async def wait(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> VideoRequest:
        """``wait_for_video``: poll until done (one GET per interval, an overall deadline)."""
        return await self._client.wait_for_video(
            request_id,
            **_given(
                program_id=program_id,
                interval=interval,
                timeout=timeout,
                on_progress=on_progress,
            ),
        )


class AsyncUpscaleCreate(_AsyncResource):
    """``POST /upscale``: Upscale image. Billable (``x-huhu-credits``)."""

    async def __call__(
        self,
        *,
        image: str,
        upscale_factor: float | None = None,
        num_images: int | None = None,
        program_id: str | None = None,
        max_credits: int | None = None,
    ) -> UpscaleSubmitted:
        """Send it; ``max_credits`` refuses (InsufficientBudgetError, nothing sent) a dearer request."""
        return await self._client._request(
            create_upscale,
            {},
            UpscaleSubmitted,
            body=UpscaleRequest(
                image=image,
                **_given(
                    upscale_factor=upscale_factor,
                    num_images=num_images,
                    program_id=program_id,
                ),
            ),
            max_credits=max_credits,
        )

    def estimate(
        self,
        *,
        image: str,
        upscale_factor: float | None = None,
        num_images: int | None = None,
        program_id: str | None = None,
    ) -> CostItem:
        """The spec price of this very request, without sending it."""
        return self._client._estimate(
            create_upscale,
            UpscaleRequest(
                image=image,
                **_given(
                    upscale_factor=upscale_factor,
                    num_images=num_images,
                    program_id=program_id,
                ),
            ),
        )


class AsyncUpscaleResource(_AsyncResource):
    """``huhu.upscale``."""

    @cached_property
    def create(self) -> AsyncUpscaleCreate:
        """``POST /upscale``: Upscale image. Call it to send; ``.estimate(...)`` prices it without sending."""
        return AsyncUpscaleCreate(self._client)

    async def retrieve(
        self, request_id: str, *, program_id: str | None = None
    ) -> UpscaleStatus:
        """``GET /upscale``: Poll upscale status."""
        return await self._client._request(
            get_upscale,
            _given(request_id=request_id, program_id=program_id),
            UpscaleStatus,
        )

    async def wait(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> UpscaleStatus:
        """``wait_for_upscale``: poll until done (one GET per interval, an overall deadline)."""
        return await self._client.wait_for_upscale(
            request_id,
            **_given(
                program_id=program_id,
                interval=interval,
                timeout=timeout,
                on_progress=on_progress,
            ),
        )


class _AsyncWaiters:
    """The waiters of :class:`huhu_ext.AsyncHuhu`: :mod:`huhu_ext.polling`'s, run by the client."""

    async def wait_for_tasks(
        self,
        task_ids: Iterable[str],
        *,
        project_id: str | None = None,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float = 1800.0,
        on_progress: ProgressCallback | None = None,
    ) -> dict[str, TaskDetail]:
        """Poll ``GET /task`` (one request per interval for all of them) until every task finished;
        return each one's detail with its outputs: ``{task_id: TaskDetail}`` in the order given. If some
        tasks end in ``Generation failed``, waits for the rest, then raises :class:`JobFailedError` whose
        ``results`` hold the details of the ones that succeeded.

        A detail needs the task's project_id and sku_id. The mock's list carries both on each SKU entry
        (optional in the spec, D-REQUIRED); when the live API omits ``sku_id``, it is looked up by SKU
        name in ``GET /sku?project_id=`` (which needs a project id: the entry's or ``project_id``)."""
        client = cast("AsyncHuhu", self)
        options = client._wait_options(interval, timeout, on_progress)
        return await client._run(
            wait_tasks(
                task_ids, project_id=project_id, program_id=program_id, **options
            )
        )

    async def wait_for_generation(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float = 600.0,
        on_progress: ProgressCallback | None = None,
    ) -> GenerationStatus:
        """Poll ``GET /model/image?request_id=`` until ``Generation Completed`` (face / image / pose)."""
        client = cast("AsyncHuhu", self)
        options = client._wait_options(interval, timeout, on_progress)
        return await client._run(
            wait_generation(request_id, program_id=program_id, **options)
        )

    async def wait_for_upscale(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float = 600.0,
        on_progress: ProgressCallback | None = None,
    ) -> UpscaleStatus:
        """Poll ``GET /upscale?request_id=`` until ``success``."""
        client = cast("AsyncHuhu", self)
        options = client._wait_options(interval, timeout, on_progress)
        return await client._run(
            wait_upscale(request_id, program_id=program_id, **options)
        )

    async def wait_for_video(
        self,
        request_id: str,
        *,
        program_id: str | None = None,
        interval: float | None = None,
        timeout: float = 1800.0,
        on_progress: ProgressCallback | None = None,
    ) -> VideoRequest:
        """Look the request up in ``GET /video/requests`` (all pages) until ``Generation completed``."""
        client = cast("AsyncHuhu", self)
        options = client._wait_options(interval, timeout, on_progress)
        return await client._run(
            wait_video(request_id, program_id=program_id, **options)
        )


class AsyncResources(_AsyncWaiters):
    """The resources of :class:`huhu_ext.AsyncHuhu` (a mixin), and its waiters."""

    @cached_property
    def metering(self) -> AsyncMeteringResource:
        return AsyncMeteringResource(cast("AsyncHuhu", self))

    @cached_property
    def programs(self) -> AsyncProgramsResource:
        return AsyncProgramsResource(cast("AsyncHuhu", self))

    @cached_property
    def projects(self) -> AsyncProjectsResource:
        return AsyncProjectsResource(cast("AsyncHuhu", self))

    @cached_property
    def models(self) -> AsyncModelsResource:
        return AsyncModelsResource(cast("AsyncHuhu", self))

    @cached_property
    def poses(self) -> AsyncPosesResource:
        return AsyncPosesResource(cast("AsyncHuhu", self))

    @cached_property
    def skus(self) -> AsyncSkusResource:
        return AsyncSkusResource(cast("AsyncHuhu", self))

    @cached_property
    def tasks(self) -> AsyncTasksResource:
        return AsyncTasksResource(cast("AsyncHuhu", self))

    @cached_property
    def video(self) -> AsyncVideoResource:
        return AsyncVideoResource(cast("AsyncHuhu", self))

    @cached_property
    def upscale(self) -> AsyncUpscaleResource:
        return AsyncUpscaleResource(cast("AsyncHuhu", self))
